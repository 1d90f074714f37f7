export * from './config';
export * from './db';
export * from './bus';
export * from './sessions';
export * from './logger';
export * from './secrets';
export * from './http';
export * from './redis';
