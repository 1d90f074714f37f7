export type { SessionRecord, SessionStore } from './sessionStore';
export { MemorySessionStore } from './memorySessionStore';
export { RedisSessionStore } from './redisSessionStore';
