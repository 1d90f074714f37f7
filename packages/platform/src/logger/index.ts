import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logger; `silent` in tests. */
export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}
