import type { Job, Quote, TopicFamily, TopicSnapshot } from '@qd/contracts';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { liveSocket } from './socket';
import { topicKey } from './topicCache';

export type LiveTopic =
  Exclude<TopicFamily, 'prices' | 'jobs'> | `prices:${string}` | `jobs:${string}`;
export type TopicData<T extends LiveTopic> = T extends `prices:${string}`
  ? Quote
  : T extends `jobs:${string}`
    ? Job
    : T extends TopicFamily
      ? TopicSnapshot<T>
      : never;

/**
 * Subscribes this component to a live topic for as long as it is mounted and returns the
 * topic's data from the query cache (undefined until the first snapshot). Pass null to hold
 * nothing.
 */
export function useTopic<T extends LiveTopic>(topic: T | null): TopicData<T> | undefined {
  useEffect(() => (topic ? liveSocket.retain(topic) : undefined), [topic]);
  const query = useQuery<TopicData<T>>({
    queryKey: topicKey(topic ?? '-'),
    queryFn: skipToken,
    staleTime: Infinity,
    enabled: topic !== null,
  });
  return topic ? query.data : undefined;
}
