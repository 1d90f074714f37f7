import { expect, test } from '@playwright/test';
import { csrfToken, engageKillSwitch, login, resumeTrading } from './pages/console';

test('the kill switch halts trading on every open tab at once and resumes with RESUME', async ({
  context,
}) => {
  const tabA = await context.newPage();
  const tabB = await context.newPage();
  await login(tabA);
  await tabB.goto('/');
  await expect(tabB.getByTestId('killswitch-badge')).toHaveText('TRADING ACTIVE');

  await engageKillSwitch(tabA, 'E2E: halting all trading for the drill');

  // The other tab hears it by push, without a reload.
  await expect(tabB.getByTestId('killswitch-badge')).toHaveText('KILL SWITCH ENGAGED');
  await expect(tabB.getByTestId('ticket-disabled-reason')).toContainText(/kill switch/i);
  await expect(
    tabB.getByTestId('order-ticket').getByRole('button', { name: 'Preview' }),
  ).toBeDisabled();

  // A direct API order is refused by the gateway with a clear reason.
  const res = await tabB.request.post('/api/v1/orders', {
    headers: { 'X-CSRF-Token': await csrfToken(tabB) },
    data: { symbol: 'AAPL', side: 'buy', qty: '1', type: 'market', tif: 'day' },
  });
  expect(res.status()).toBe(422);
  const problem = await res.json();
  expect(problem.code).toBe('ORDER_KILL_SWITCH_ENGAGED');
  expect(problem.detail).toMatch(/kill switch/i);

  await expect(tabA.getByTestId('killswitch-history')).toContainText(
    'E2E: halting all trading for the drill',
  );
  await tabA.screenshot({ path: 'docs/screenshots/kill-switch.png' });

  await resumeTrading(tabA, 'E2E: drill complete, resuming trading');
  await expect(tabB.getByTestId('killswitch-badge')).toHaveText('TRADING ACTIVE');
  await expect(tabB.getByTestId('ticket-disabled-reason')).toHaveCount(0);
});
