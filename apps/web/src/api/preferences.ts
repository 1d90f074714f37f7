import {
  ExportReceipt,
  Preferences,
  type ExportRequest,
  type PreferencesPatch,
} from '@qd/contracts';
import { ApiError, apiRequest } from './client';

function parsed<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T } }, v: unknown) {
  const r = schema.safeParse(v);
  if (!r.success) throw new ApiError(200, 'BAD_RESPONSE', 'The server sent an unexpected answer.');
  return r.data as T;
}

export async function fetchPreferences(): Promise<Preferences> {
  return parsed<Preferences>(Preferences, await apiRequest('/preferences'));
}

export async function savePreferences(patch: PreferencesPatch): Promise<Preferences> {
  const res = await apiRequest('/preferences', { method: 'PATCH', body: patch });
  return parsed<Preferences>(Preferences, res);
}

/** Records an export in the audit log; the file is only produced when this succeeds. */
export async function auditExport(req: ExportRequest): Promise<ExportReceipt> {
  const res = await apiRequest('/exports', { method: 'POST', body: req });
  return parsed<ExportReceipt>(ExportReceipt, res);
}
