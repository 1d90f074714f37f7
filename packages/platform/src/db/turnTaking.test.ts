import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './index';

// PGlite runs statements on this thread; the handle must let the event loop turn between them.
describe('PGlite statements take turns with the event loop', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ inMemory: true });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('runs an immediate queued mid-chain before the rest of the chain', async () => {
    let done = 0;
    let doneWhenImmediateRan = -1;
    const chain = (async () => {
      for (let i = 0; i < 5; i++) {
        await handle.db.execute(sql`select 1`);
        done++;
        if (i === 0) setImmediate(() => (doneWhenImmediateRan = done));
      }
    })();
    await chain;
    // Without the turns the whole chain ran on microtasks and the immediate saw done = 5.
    expect(doneWhenImmediateRan).toBeGreaterThanOrEqual(1);
    expect(doneWhenImmediateRan).toBeLessThanOrEqual(2);
  });

  it('takes turns inside a transaction too', async () => {
    let done = 0;
    let doneWhenImmediateRan = -1;
    await handle.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await tx.execute(sql`select 1`);
        done++;
        if (i === 0) setImmediate(() => (doneWhenImmediateRan = done));
      }
    });
    expect(doneWhenImmediateRan).toBeGreaterThanOrEqual(1);
    expect(doneWhenImmediateRan).toBeLessThanOrEqual(2);
  });
});
