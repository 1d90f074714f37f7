import { describe, expect, it } from 'vitest';
import { ConfigError, gatewayUrl, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.QD_HOST).toBe('127.0.0.1');
    expect(c.QD_PORT).toBe(8080);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.QD_AUTH_PROVIDERS).toEqual(['basic']);
    expect(gatewayUrl(c)).toBe('http://127.0.0.1:8181');
  });

  it('parses lists and numbers from strings', () => {
    const c = loadConfig({
      QD_PORT: '9000',
      QD_AUTH_PROVIDERS: 'basic, oidc',
      QD_OIDC_ISSUER: 'https://idp.example',
      QD_OIDC_CLIENT_ID: 'quarterdeck',
      QD_PUBLIC_URL: 'https://console.example',
      QD_ALLOWED_ORIGINS: 'https://a.example,https://b.example',
    });
    expect(c.QD_PORT).toBe(9000);
    expect(c.QD_AUTH_PROVIDERS).toEqual(['basic', 'oidc']);
    expect(c.QD_ALLOWED_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ QD_PORT: 'eighty', DATABASE_URL: 'mysql://x', QD_AUTH_PROVIDERS: 'kerberos' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('QD_PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('QD_AUTH_PROVIDERS');
  });

  it('allows the frozen-symbols test knob on loopback only', () => {
    expect(loadConfig({ QD_TEST_FROZEN_SYMBOLS: 'GLD,TLT' }).QD_TEST_FROZEN_SYMBOLS).toBe(
      'GLD,TLT',
    );
    expect(() => loadConfig({ QD_TEST_FROZEN_SYMBOLS: 'GLD', QD_HOST: '0.0.0.0' })).toThrow(
      /QD_TEST_FROZEN_SYMBOLS: a test knob/,
    );
    expect(() => loadConfig({ QD_TEST_FROZEN_SYMBOLS: 'gld' })).toThrow(/QD_TEST_FROZEN_SYMBOLS/);
  });

  it('refuses a short admin password', () => {
    expect(() => loadConfig({ QD_ADMIN_PASSWORD: 'short' })).toThrow(/QD_ADMIN_PASSWORD/);
  });
});
