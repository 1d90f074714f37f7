import { resolve } from 'node:path';
import { loadConfig, openDatabase } from '@qd/platform';
import { verifyAuditChain } from './audit/auditLog';

// `npm run audit:verify`: recomputes the audit hash chain. With embedded PGlite, stop the console
// first (PGlite allows one process); with DATABASE_URL it can run beside a live console.
const config = loadConfig();
const handle = await openDatabase({
  databaseUrl: config.DATABASE_URL,
  dataDir: resolve(config.QD_DATA_DIR),
});
try {
  const broken = await verifyAuditChain(handle.db);
  if (broken === null) console.log('Audit chain intact.');
  else
    console.error(
      `Audit chain BROKEN at row ${broken}: that row or the one before it was changed.`,
    );
  process.exitCode = broken === null ? 0 : 1;
} finally {
  await handle.close();
}
