import { z } from 'zod';

export const Role = z.enum(['viewer', 'researcher', 'operator', 'admin']);
export type Role = z.infer<typeof Role>;

/** Named permissions, defined once; routes and WS topics declare which one they need. */
export const Permission = z.enum([
  'portfolio:read',
  'orders:read',
  'orders:write',
  'killswitch:read',
  'killswitch:engage',
  'killswitch:disengage',
  'market:read',
  /** Own sessions, password, MFA. */
  'profile:self',
  /** Own API keys for scripts. */
  'apikeys:self',
  'users:read',
  'users:write',
]);
export type Permission = z.infer<typeof Permission>;

const READ: Permission[] = [
  'portfolio:read',
  'orders:read',
  'killswitch:read',
  'market:read',
  'profile:self',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: READ,
  researcher: [...READ, 'apikeys:self'],
  operator: [...READ, 'apikeys:self', 'orders:write', 'killswitch:engage'],
  admin: [
    ...READ,
    'apikeys:self',
    'orders:write',
    'killswitch:engage',
    'killswitch:disengage',
    'users:read',
    'users:write',
  ],
};

/** True when the role grants the permission. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
