import type { Position } from '@qd/contracts';
import { useTopic } from '../../live/useTopic';

export function usePositions(): Position[] | undefined {
  return useTopic('positions');
}

/** The position in one symbol, or null when flat; undefined while loading. */
export function usePosition(symbol: string | null): Position | null | undefined {
  const positions = usePositions();
  if (!positions) return undefined;
  return positions.find((p) => p.symbol === symbol) ?? null;
}
