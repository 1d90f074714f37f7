import type { ConsoleServer } from '../lib/consoleServer';
import type { Summary } from '../lib/stats';

/** One line of the published table. */
export interface ResultRow {
  id: string;
  scenario: string;
  /** The target from the plan we work from. */
  seedTarget: string;
  /** Our own, stricter goal. */
  goal: string;
  unit: string;
  /** Distribution (latency-like rows) … */
  measured: Summary | null;
  /** … or one value (sizes, counts, memory). */
  value: number | null;
  baselineLabel: string | null;
  baseline: Summary | null;
  baselineValue: number | null;
  /** Ours ÷ baseline (p99, or the value). */
  ratio: number | null;
  /** Whether the goal was met; null when not measured this run. */
  met: boolean | null;
  notes: string;
}

/** What every scenario gets: the running production console and the run's options. */
export interface BenchContext {
  server: ConsoleServer;
  /** Small sizes and short windows (the `npm test` smoke). */
  quick: boolean;
  log: (msg: string) => void;
}

export interface Scenario {
  name: string;
  describe: string;
  /** Needs the console server (false for pure build inspection). */
  needsServer: boolean;
  run(ctx: BenchContext): Promise<ResultRow[]>;
}

/** A row with every optional field empty. */
export function row(
  fields: Partial<ResultRow> & Pick<ResultRow, 'id' | 'scenario' | 'seedTarget' | 'goal' | 'unit'>,
): ResultRow {
  return {
    measured: null,
    value: null,
    baselineLabel: null,
    baseline: null,
    baselineValue: null,
    ratio: null,
    met: null,
    notes: '',
    ...fields,
  };
}

/** Ratio of two numbers rounded to 0.01, or null. */
export function ratioOf(ours: number | null, base: number | null): number | null {
  if (ours === null || base === null || base === 0) return null;
  return Math.round((ours / base) * 100) / 100;
}
