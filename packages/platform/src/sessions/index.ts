export type { SessionRecord, SessionStore } from './sessionStore';
export { sessionStorageKey } from './sessionStore';
export { MemorySessionStore } from './memorySessionStore';
export { RedisSessionStore } from './redisSessionStore';
export { SessionCipher, parseSessionKeys, type SessionKey } from './sessionCipher';
export { redisClient, type Redis } from './redisClient';
