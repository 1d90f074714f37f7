import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';

/**
 * PGlite runs in this process: once a statement starts, the WASM engine runs it to the end on the
 * event loop, and its promise resolves on a microtask. A chain of statements (a transaction, a
 * store's read-then-write) therefore runs from start to finish without giving the event loop a
 * turn, and whatever was queued for the next turn waits for all of it: the WebSocket hub's send
 * of a push that arrived mid-chain, a reply, a socket read. A network database answers on a later
 * turn; this gives PGlite the same shape: every statement, inside a transaction or not, starts on
 * a fresh turn, so work queued ahead of it waits for at most the one statement already running.
 * Transactions keep their meaning: PGlite's own lock still holds other statements out of an open
 * transaction.
 */
export function turnTaking(client: PGlite): PGlite {
  return withTurns(client);
}

/** Wraps query/exec (and transaction, whose handle is wrapped the same way) of a client or a tx. */
function withTurns<T extends PGlite | Transaction>(target: T): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (typeof value !== 'function') return value;
      if (prop === 'query' || prop === 'exec' || prop === 'sql')
        return async (...args: unknown[]) => {
          await nextTurn();
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      if (prop === 'transaction')
        return async (fn: (tx: Transaction) => Promise<unknown>) => {
          await nextTurn();
          return (obj as PGlite).transaction((tx) => fn(withTurns(tx)));
        };
      return (value as (...a: unknown[]) => unknown).bind(obj);
    },
  });
}
