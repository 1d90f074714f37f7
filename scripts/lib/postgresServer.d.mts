/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number>;
export function startPostgres(): Promise<{
  url: string;
  port: number;
  createDatabase(name: string): string;
  stop(): void;
}>;
