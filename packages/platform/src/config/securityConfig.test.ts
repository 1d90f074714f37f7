import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('security configuration', () => {
  it('requires MFA for operators and admins unless told otherwise', () => {
    expect(loadConfig({}).QD_MFA_REQUIRED_ROLES).toEqual(['operator', 'admin']);
    expect(loadConfig({ QD_MFA_REQUIRED_ROLES: 'none' }).QD_MFA_REQUIRED_ROLES).toEqual([]);
    expect(loadConfig({ QD_MFA_REQUIRED_ROLES: 'admin' }).QD_MFA_REQUIRED_ROLES).toEqual(['admin']);
    expect(() => loadConfig({ QD_MFA_REQUIRED_ROLES: 'root' })).toThrow(/QD_MFA_REQUIRED_ROLES/);
  });

  it('parses trusted proxies and address binding, and names a bad session key list', () => {
    const c = loadConfig({ QD_TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16' });
    expect(c.QD_TRUSTED_PROXIES).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(c.QD_SESSION_IP_BINDING).toBe('subnet');
    expect(() => loadConfig({ QD_SESSION_IP_BINDING: 'loose' })).toThrow(/QD_SESSION_IP_BINDING/);
    expect(() => loadConfig({ QD_SESSION_KEYS: 'no-colon-here' })).toThrow(/QD_SESSION_KEYS/);
    expect(loadConfig({ QD_SESSION_KEYS: `k1:${'A'.repeat(43)}=` }).QD_SESSION_KEYS).toBeDefined();
  });
});
