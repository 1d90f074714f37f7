export type { Bus } from './bus';
export { MemoryBus } from './memoryBus';
export { RedisBus } from './redisBus';
