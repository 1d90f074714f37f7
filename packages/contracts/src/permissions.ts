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
  'preferences:edit',
]);
export type Permission = z.infer<typeof Permission>;

const READ: Permission[] = [
  'portfolio:read',
  'orders:read',
  'killswitch:read',
  'market:read',
  // everyone keeps their own workspace (theme, grid layouts…)
  'preferences:edit',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: READ,
  researcher: READ,
  operator: [...READ, 'orders:write', 'killswitch:engage'],
  admin: [...READ, 'orders:write', 'killswitch:engage', 'killswitch:disengage'],
};

/** True when the role grants the permission. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
