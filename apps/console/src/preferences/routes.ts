import { Preferences, PreferencesPatch } from '@qd/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditLog } from '../audit/auditLog';
import { auditSuccess } from '../http/guard';
import type { PreferencesStore } from './store';

/** What a patch changed, for the audit row (grid ids, not their whole column state). */
function changeSummary(patch: PreferencesPatch): Record<string, unknown> {
  const { grids, ...rest } = patch;
  return { ...rest, ...(grids ? { grids: Object.keys(grids) } : {}) };
}

/** GET/PATCH /api/v1/preferences: the signed-in user's own workspace settings. */
export function registerPreferencesRoutes(
  app: FastifyInstance,
  store: PreferencesStore,
  audit: AuditLog,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/preferences',
    { config: { permission: 'profile:self' }, schema: { response: { 200: Preferences } } },
    (req) => store.get(req.session!.userId),
  );
  r.patch(
    '/api/v1/preferences',
    {
      config: { permission: 'profile:self', action: 'preferences.update' },
      schema: { body: PreferencesPatch, response: { 200: Preferences } },
    },
    async (req) => {
      const next = await store.update(req.session!.userId, req.body);
      await auditSuccess(audit, req, req.session!.username, null, changeSummary(req.body));
      return next;
    },
  );
}
