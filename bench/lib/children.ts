import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Forks a TypeScript module under bench/ (run with tsx) as its own process, with IPC. */
export function forkTs(
  relPath: string,
  args: string[] = [],
  execArgv: string[] = [],
): ChildProcess {
  return fork(`${BENCH_DIR}${relPath}`, args, {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Sends a request to a child and resolves with its next message of the given type. */
export function ask<T>(
  child: ChildProcess,
  msg: object,
  replyType: string,
  timeoutMs = 120_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${replyType} from child within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (m: { type: string; error?: string }) => {
      if (m.type === 'error') {
        cleanup();
        reject(new Error(m.error));
      } else if (m.type === replyType) {
        cleanup();
        resolve(m as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child exited (${code}) before ${replyType}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    child.send(msg);
  });
}

/** Waits for a child's first message of a type (e.g. "ready"). */
export function waitFor<T>(child: ChildProcess, type: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child sent no ${type}`)), timeoutMs);
    child.on('message', (m: { type: string; error?: string }) => {
      if (m.type === type) {
        clearTimeout(timer);
        resolve(m as T);
      } else if (m.type === 'error') {
        clearTimeout(timer);
        reject(new Error(m.error));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before ${type}`));
    });
  });
}

/** Stops a child we started and waits for it to exit. */
export async function stopChild(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill(signal);
  });
}

/** Resident set size of a process in bytes (Linux /proc), or null when unreadable. */
export async function rssBytes(pid: number): Promise<number | null> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
