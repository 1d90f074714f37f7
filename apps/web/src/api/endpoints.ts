import {
  Instrument,
  KillSwitchStatus,
  Order,
  OrderPreview,
  type OrderRequestInput,
} from '@qd/contracts';
import { z } from 'zod';
import { ApiError, apiRequest } from './client';

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ApiError(200, 'BAD_RESPONSE', `The server sent an unexpected ${what}.`);
  return parsed.data;
}

export async function fetchInstruments(): Promise<Instrument[]> {
  return parseWith(z.array(Instrument), await apiRequest('/instruments'), 'instrument list');
}

export async function previewOrder(order: OrderRequestInput): Promise<OrderPreview> {
  const res = await apiRequest('/orders/preview', { method: 'POST', body: order });
  return parseWith(OrderPreview, res, 'order preview');
}

export async function placeOrder(order: OrderRequestInput): Promise<Order> {
  return parseWith(Order, await apiRequest('/orders', { method: 'POST', body: order }), 'order');
}

export async function cancelOrder(id: string): Promise<void> {
  await apiRequest(`/orders/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Engage/disengage answer with the new status; tolerate other bodies, the topic pushes it anyway. */
function statusOrNull(res: unknown): KillSwitchStatus | null {
  const parsed = KillSwitchStatus.safeParse(res);
  return parsed.success ? parsed.data : null;
}

export async function engageKillSwitch(reason: string): Promise<KillSwitchStatus | null> {
  return statusOrNull(
    await apiRequest('/kill-switch/engage', { method: 'POST', body: { reason } }),
  );
}

export async function disengageKillSwitch(reason: string): Promise<KillSwitchStatus | null> {
  const body = { reason, confirm: 'RESUME' };
  return statusOrNull(await apiRequest('/kill-switch/disengage', { method: 'POST', body }));
}
