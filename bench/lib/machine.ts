import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** Facts about the machine and code a run was measured on. */
export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  commit: string;
  dirty: boolean;
  loadAverage1m: number;
}

/** Reads cores, memory, Node version, git commit and the current 1-minute load average. */
export function machineFacts(): MachineFacts {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    dirty: git(['status', '--porcelain']) !== '',
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}
