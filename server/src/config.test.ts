import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('runs on embedded defaults in demo mode when nothing is set', () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.demo).toBe(true);
    expect(c.defaultRegion).toBe('CN');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('is not in demo mode on a real database unless asked', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u:p@db/kefu' }).demo).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'postgres://u:p@db/kefu', KEFU_DEMO: '1' }).demo).toBe(true);
  });

  it('reports every bad key at once', () => {
    let message = '';
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', KEFU_DEFAULT_REGION: 'XX', KEFU_DEMO: 'maybe' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    for (const key of ['PORT', 'DATABASE_URL', 'KEFU_DEFAULT_REGION', 'KEFU_DEMO']) expect(message).toContain(key);
  });

  it('needs the first admin name and password together, and a long password', () => {
    expect(() => parseConfig({ KEFU_ADMIN_USERNAME: 'root' })).toThrow(/together/);
    expect(() => parseConfig({ KEFU_ADMIN_USERNAME: 'root', KEFU_ADMIN_PASSWORD: 'short' })).toThrow(/KEFU_ADMIN_PASSWORD/);
    expect(parseConfig({ KEFU_ADMIN_USERNAME: 'root', KEFU_ADMIN_PASSWORD: 'a-long-enough-secret' }).bootstrapAdmin).toEqual({
      username: 'root',
      password: 'a-long-enough-secret',
    });
  });
});

describe('parseConfig with empty variables', () => {
  it('treats an empty value as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeNull();
  });
});

describe('parseConfig for telephony', () => {
  it('uses the built-in switch unless an external SIP server is named', () => {
    expect(parseConfig({}).sipWsUrl).toBeNull();
    expect(parseConfig({}).sipDomain).toBe('kefu.local');
    const ext = parseConfig({ KEFU_SIP_WS_URL: 'wss://sip.example.com:8443', KEFU_SIP_DOMAIN: 'sip.example.com' });
    expect(ext).toMatchObject({ sipWsUrl: 'wss://sip.example.com:8443', sipDomain: 'sip.example.com' });
    expect(() => parseConfig({ KEFU_SIP_WS_URL: 'http://sip.example.com' })).toThrow(/KEFU_SIP_WS_URL/);
    expect(() => parseConfig({ KEFU_SIP_DOMAIN: 'bad domain!' })).toThrow(/KEFU_SIP_DOMAIN/);
  });
});
