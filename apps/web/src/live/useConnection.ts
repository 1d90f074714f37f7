import { useSyncExternalStore } from 'react';
import { liveSocket, type ConnectionState } from './socket';

export function useConnection(): ConnectionState {
  return useSyncExternalStore(liveSocket.subscribe, liveSocket.getState);
}
