import { describe, expect, it } from 'vitest';
import { claimAt, roleFromClaims } from './roleMapping';

const map = { 'qd-admins': 'admin', 'qd-traders': 'operator', staff: 'viewer' } as const;

describe('roleFromClaims', () => {
  it('maps group values through the map and picks the most privileged', () => {
    expect(roleFromClaims({ groups: ['staff', 'qd-traders'] }, 'groups', map)).toBe('operator');
    expect(roleFromClaims({ groups: ['qd-admins', 'staff'] }, 'groups', map)).toBe('admin');
  });

  it('reads nested claims by dot path (Keycloak realm_access.roles)', () => {
    const claims = { realm_access: { roles: ['offline_access', 'qd-admins'] } };
    expect(roleFromClaims(claims, 'realm_access.roles', map)).toBe('admin');
    expect(claimAt(claims, 'realm_access.missing.deeper')).toBeUndefined();
  });

  it('accepts a space- or comma-separated string claim', () => {
    expect(roleFromClaims({ roles: 'staff qd-traders' }, 'roles', map)).toBe('operator');
    expect(roleFromClaims({ roles: 'staff,qd-admins' }, 'roles', map)).toBe('admin');
  });

  it('with an empty map, counts only values that are role names', () => {
    expect(roleFromClaims({ roles: ['researcher', 'superuser'] }, 'roles', {})).toBe('researcher');
    expect(roleFromClaims({ roles: ['superuser'] }, 'roles', {})).toBeNull();
  });

  it('refuses (null) when nothing maps, unless a fallback role is configured', () => {
    expect(roleFromClaims({ groups: ['visitors'] }, 'groups', map)).toBeNull();
    expect(roleFromClaims({}, 'groups', map)).toBeNull();
    expect(roleFromClaims({ groups: 7 }, 'groups', map, 'viewer')).toBe('viewer');
  });

  it('does not let a value outside the map grant a role name it spells', () => {
    expect(roleFromClaims({ groups: ['admin'] }, 'groups', map)).toBeNull();
  });
});
