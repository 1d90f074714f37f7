import type { Bus } from './bus';

/** In-process bus for the embedded default: delivery is asynchronous, like Redis. */
export class MemoryBus implements Bus {
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  private closed = false;

  async publish(channel: string, message: string): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    const set = this.handlers.get(channel);
    if (!set) return;
    for (const handler of [...set]) queueMicrotask(() => handler(message));
  }

  async subscribe(
    channel: string,
    handler: (message: string) => void,
  ): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('bus is closed');
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return async () => {
      set.delete(handler);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
  }
}
