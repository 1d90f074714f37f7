export {
  openDatabase,
  migrationsFolder,
  type Database,
  type DatabaseHandle,
  type OpenDatabaseOptions,
  type Tx,
} from './database';
export * as schema from './schema';
