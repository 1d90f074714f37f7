import { z } from 'zod';
import { GridId } from './preferences';

/** A grid export the browser is about to produce; the console audits it first. */
export const ExportRequest = z
  .object({
    grid: GridId,
    format: z.enum(['csv', 'clipboard']),
    rows: z.number().int().min(0).max(1_000_000),
    columns: z.array(z.string().min(1).max(64)).min(1).max(60),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportRequest>;

export const ExportReceipt = z.object({
  /** Audit reference of the export. */
  requestId: z.string(),
  fileName: z.string(),
});
export type ExportReceipt = z.infer<typeof ExportReceipt>;
