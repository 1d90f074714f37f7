/** Quarterdeck roles from least to most privileged. */
export const ROLE_ORDER = ['viewer', 'researcher', 'operator', 'admin'] as const;
export type MappedRole = (typeof ROLE_ORDER)[number];

/** The value at a dot path (`realm_access.roles`) of a claims object, or undefined. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The role an identity provider's claims grant: each claim value maps through `map` (or, with
 * an empty map, counts when it is a role name); the most privileged match wins; no match gives
 * `fallback` (null = refuse). A claim may be a string, a space/comma list, or an array.
 */
export function roleFromClaims(
  claims: Record<string, unknown>,
  claimPath: string,
  map: Readonly<Record<string, MappedRole>>,
  fallback: MappedRole | null = null,
): MappedRole | null {
  const raw = claimAt(claims, claimPath);
  const values =
    typeof raw === 'string'
      ? raw.split(/[\s,]+/)
      : Array.isArray(raw)
        ? raw.filter((v): v is string => typeof v === 'string')
        : [];
  const useNames = Object.keys(map).length === 0;
  let best = -1;
  for (const v of values) {
    const role = useNames ? (ROLE_ORDER as readonly string[]).includes(v) && v : map[v];
    if (role) best = Math.max(best, ROLE_ORDER.indexOf(role as MappedRole));
  }
  return best >= 0 ? ROLE_ORDER[best]! : fallback;
}
