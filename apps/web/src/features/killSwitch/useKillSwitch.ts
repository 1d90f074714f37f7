import type { KillSwitchStatus } from '@qd/contracts';
import { useTopic } from '../../live/useTopic';

export type TradingState = 'active' | 'engaged' | 'unknown';

export const TRADING_STATE_TEXT: Record<TradingState, string> = {
  active: 'TRADING ACTIVE',
  engaged: 'KILL SWITCH ENGAGED',
  unknown: 'UNKNOWN',
};

export function tradingStateOf(status: KillSwitchStatus | undefined): TradingState {
  if (!status) return 'unknown';
  return status.state.engaged ? 'engaged' : 'active';
}

/** The live kill-switch status (shared by every component that asks). */
export function useKillSwitch(): { status: KillSwitchStatus | undefined; state: TradingState } {
  const status = useTopic('killswitch');
  return { status, state: tradingStateOf(status) };
}
