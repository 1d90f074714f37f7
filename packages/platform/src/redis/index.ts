export { connectRedis, redisTarget, type RedisTarget } from './connect';
