export { buildConsole, type ConsoleDeps, type ConsoleServer } from './server';
export { seedAdmin, createUser } from './auth/users';
export { verifyAuditChain } from './audit/auditLog';
