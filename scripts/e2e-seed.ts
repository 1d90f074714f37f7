// Seeds the extra users the end-to-end suite signs in as (a viewer), into a fresh data dir.
import { createUser } from '@qd/console';
import { openDatabase } from '@qd/platform';

export const E2E_VIEWER = { username: 'vera', password: 'e2e-viewer-password-1234' };

const dataDir = process.env.QD_DATA_DIR;
if (!dataDir) throw new Error('QD_DATA_DIR must name the e2e data dir');
const handle = await openDatabase({ dataDir });
await createUser(handle.db, E2E_VIEWER.username, E2E_VIEWER.password, 'viewer');
await handle.close();
