/** Pub/sub between processes: the gateway publishes, each console instance subscribes once. */
export interface Bus {
  /** Publishes a message (a JSON string) to every current subscriber of the channel. */
  publish(channel: string, message: string): Promise<void>;
  /** Subscribes; resolves to an unsubscribe function once the subscription is live. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
