import { can, ExportReceipt, ExportRequest, type Permission, type Role } from '@qd/contracts';
import { AppError } from '@qd/platform';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditLog } from '../audit/auditLog';
import { auditSuccess } from '../http/guard';

/** The grids that can be exported and the permission that reads their data. */
export const EXPORTABLE_GRIDS: Record<string, Permission> = {
  positions: 'portfolio:read',
  orders: 'orders:read',
  fills: 'orders:read',
};

/**
 * POST /api/v1/exports: the browser builds the file from data it already shows, but only after
 * the export is recorded here (who, which grid, how many rows, which columns). No audit, no file.
 */
export function registerExportRoutes(app: FastifyInstance, audit: AuditLog, now: () => Date) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/exports',
    {
      config: { permission: 'portfolio:read', action: 'grid.export' },
      schema: { body: ExportRequest, response: { 201: ExportReceipt } },
    },
    async (req, reply) => {
      const needed = EXPORTABLE_GRIDS[req.body.grid];
      if (!needed)
        throw new AppError('VALIDATION_FAILED', `grid "${req.body.grid}" cannot be exported`);
      const session = req.session!;
      if (!can(session.role as Role, needed))
        throw new AppError('FORBIDDEN', `Your role (${session.role}) cannot read ${req.body.grid}`);
      await auditSuccess(audit, req, req.body.grid, null, {
        format: req.body.format,
        rows: req.body.rows,
        columns: req.body.columns,
      });
      const stamp = now().toISOString().replace(/[:.]/g, '-').slice(0, 19);
      return reply
        .status(201)
        .send({ requestId: req.id, fileName: `quarterdeck-${req.body.grid}-${stamp}.csv` });
    },
  );
}
