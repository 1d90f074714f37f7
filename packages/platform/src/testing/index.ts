// Test-only helpers; imported as '@qd/platform/testing', never from production code.
export { databaseTargets, createPostgresDatabase, type DatabaseTarget } from './databases';
