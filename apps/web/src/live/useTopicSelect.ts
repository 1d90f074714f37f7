import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { liveSocket } from './socket';
import { topicKey } from './topicCache';
import type { LiveTopic, TopicData } from './useTopic';

/**
 * Like useTopic, but returns only `select(data)` and re-renders the component only when that
 * result changes (by identity: row topics keep an unchanged row's object from one update to the
 * next). For components that show one row or one figure of a busy topic — the positions topic
 * of a large book changes ten times a second. `select` should be stable (useCallback) or it runs
 * on every render.
 */
export function useTopicSelect<T extends LiveTopic, R>(
  topic: T | null,
  select: (data: TopicData<T>) => R,
): R | undefined {
  useEffect(() => (topic ? liveSocket.retain(topic) : undefined), [topic]);
  const query = useQuery<TopicData<T>, Error, R>({
    queryKey: topicKey(topic ?? '-'),
    queryFn: skipToken,
    staleTime: Infinity,
    enabled: topic !== null,
    select,
  });
  return topic ? query.data : undefined;
}
