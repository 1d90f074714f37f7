import type { Position } from '@qd/contracts';
import { useCallback } from 'react';
import { useTopic } from '../../live/useTopic';
import { useTopicSelect } from '../../live/useTopicSelect';

export function usePositions(): Position[] | undefined {
  return useTopic('positions');
}

/**
 * The position in one symbol, or null when flat; undefined while loading. Re-renders only when
 * that position changes, not on every update of the book.
 */
export function usePosition(symbol: string | null): Position | null | undefined {
  const select = useCallback(
    (positions: Position[]) => positions.find((p) => p.symbol === symbol) ?? null,
    [symbol],
  );
  return useTopicSelect('positions', select);
}
