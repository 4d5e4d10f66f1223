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

  it('takes a Redis URL for sharing consoles between servers, and nothing else there', () => {
    expect(parseConfig({}).redisUrl).toBeNull();
    expect(parseConfig({ KEFU_REDIS_URL: 'redis://:pw@cache:6379/0' }).redisUrl).toBe('redis://:pw@cache:6379/0');
    expect(() => parseConfig({ KEFU_REDIS_URL: 'cache:6379' })).toThrow(/KEFU_REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
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

  it('reads the origins allowed on the SIP WebSocket, or leaves the default to the server', () => {
    expect(parseConfig({}).sipAllowedOrigins).toBeNull();
    expect(parseConfig({ KEFU_SIP_ALLOWED_ORIGINS: ' https://Kefu.Example.com , http://10.0.0.5:3000/,https://a.example:443' }).sipAllowedOrigins).toEqual([
      'https://kefu.example.com',
      'http://10.0.0.5:3000',
      'https://a.example',
    ]);
    for (const bad of ['kefu.example.com', 'ftp://kefu.example.com', 'https://kefu.example.com/console', 'https://u:p@kefu.example.com', 'https://a.example?x', ',']) {
      expect(() => parseConfig({ KEFU_SIP_ALLOWED_ORIGINS: bad }), bad).toThrow(/KEFU_SIP_ALLOWED_ORIGINS/);
    }
  });
});

describe('parseConfig for the database', () => {
  it('keeps a few connections warm and leaves the embedded PostgreSQL’s memory to be sized from the machine by default', () => {
    const c = parseConfig({});
    expect(c.dbPool).toEqual({ min: 2, max: 10 });
    expect(c.callLogPoolMax).toBe(3);
    expect(c.embeddedPgSharedBuffers).toBeNull();
    expect(c.embeddedPgEffectiveCacheSize).toBeNull();
  });

  it('takes the pool size, shared buffers and effective cache size from the environment', () => {
    const c = parseConfig({ KEFU_DB_POOL_MIN: '0', KEFU_DB_POOL_MAX: '4', KEFU_EMBEDDED_PG_SHARED_BUFFERS: '1GB', KEFU_EMBEDDED_PG_EFFECTIVE_CACHE_SIZE: '3gb' });
    expect(c.dbPool).toEqual({ min: 0, max: 4 });
    expect(c.embeddedPgSharedBuffers).toBe('1GB');
    expect(c.embeddedPgEffectiveCacheSize).toBe('3GB');
    expect(() => parseConfig({ KEFU_EMBEDDED_PG_EFFECTIVE_CACHE_SIZE: '3' })).toThrow(/KEFU_EMBEDDED_PG_EFFECTIVE_CACHE_SIZE/);
  });

  it('writes shared buffers the way PostgreSQL spells its units', () => {
    expect(parseConfig({ KEFU_EMBEDDED_PG_SHARED_BUFFERS: '512mb' }).embeddedPgSharedBuffers).toBe('512MB');
    expect(parseConfig({ KEFU_EMBEDDED_PG_SHARED_BUFFERS: '4096KB' }).embeddedPgSharedBuffers).toBe('4096kB');
    expect(parseConfig({ KEFU_EMBEDDED_PG_SHARED_BUFFERS: '2 GB' }).embeddedPgSharedBuffers).toBe('2GB');
  });

  it('refuses shared buffers without a unit, with a fraction, or below PostgreSQL’s minimum', () => {
    for (const bad of ['256', 'lots', '1.5GB', '256 MiB', '64kB', '0MB']) {
      expect(() => parseConfig({ KEFU_EMBEDDED_PG_SHARED_BUFFERS: bad }), bad).toThrow(/KEFU_EMBEDDED_PG_SHARED_BUFFERS/);
    }
  });

  it('refuses a pool that cannot hold a connection or whose minimum exceeds its maximum', () => {
    expect(() => parseConfig({ KEFU_DB_POOL_MAX: '0' })).toThrow(/KEFU_DB_POOL_MAX/);
    expect(() => parseConfig({ KEFU_DB_POOL_MIN: '-1' })).toThrow(/KEFU_DB_POOL_MIN/);
    expect(() => parseConfig({ KEFU_DB_POOL_MIN: 'two' })).toThrow(/KEFU_DB_POOL_MIN/);
    expect(() => parseConfig({ KEFU_DB_POOL_MIN: '5', KEFU_DB_POOL_MAX: '4' })).toThrow(/KEFU_DB_POOL_MIN must not be larger/);
  });
});

describe('case-work settings', () => {
  it('reads the contact center time zone and the SLA sweep interval, refusing a made-up zone', () => {
    expect(parseConfig({})).toMatchObject({ timeZone: 'Asia/Shanghai', slaSweepMs: 30_000 });
    expect(parseConfig({ KEFU_TIME_ZONE: 'europe/london', KEFU_SLA_SWEEP_SECONDS: '2' })).toMatchObject({ timeZone: 'Europe/London', slaSweepMs: 2000 });
    expect(() => parseConfig({ KEFU_TIME_ZONE: 'Mars/Olympus' })).toThrow(/KEFU_TIME_ZONE/);
    expect(() => parseConfig({ KEFU_SLA_SWEEP_SECONDS: '0' })).toThrow(/KEFU_SLA_SWEEP_SECONDS/);
  });
});

describe('backup settings', () => {
  it('backs up daily at 03:00 into the data directory, keeping 7, unless told otherwise', () => {
    const c = parseConfig({ KEFU_DATA_DIR: '/srv/kefu' });
    expect(c.backup).toEqual({ dir: '/srv/kefu/backups', time: '03:00', keep: 7 });
    expect(parseConfig({ KEFU_BACKUP_TIME: 'off', KEFU_BACKUP_DIR: '/mnt/b', KEFU_BACKUP_KEEP: '30' }).backup).toEqual({ dir: '/mnt/b', time: null, keep: 30 });
  });

  it('refuses a bad time, count or key, naming each and never echoing the key', () => {
    let message = '';
    try {
      parseConfig({ KEFU_BACKUP_TIME: '3am', KEFU_BACKUP_KEEP: '0', KEFU_DATA_KEY: 'hunter2-hunter2' });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const key of ['KEFU_BACKUP_TIME', 'KEFU_BACKUP_KEEP', 'KEFU_DATA_KEY']) expect(message).toContain(key);
    expect(message).not.toContain('hunter2');
  });
});

describe('parseConfig of phone lines and the media plane', () => {
  it('starts rtpengine when installed, with no SIP listener or trunk, by default', () => {
    const c = parseConfig({});
    expect(c.media).toEqual({
      mode: 'auto',
      externalNg: null,
      ngPort: 22223,
      ports: { min: 30000, max: 30999 },
      // The demo's region is China: its callers hear 简体中文, and their place every 30 s.
      announcements: { positionEverySeconds: 30, language: 'zh-CN' },
    });
    expect(c.sipUdp).toBeNull();
    expect(c.sipTcp).toBeNull();
    expect(c.trunk).toBeNull();
  });

  it('reads listeners, an external rtpengine and a trunk', () => {
    const c = parseConfig({
      KEFU_SIP_UDP: '127.0.0.1:5060',
      KEFU_SIP_TCP: '[::1]:5061',
      KEFU_RTPENGINE_URL: 'udp://10.0.0.5:2223',
      KEFU_RTPENGINE_PORTS: '40000-40100',
      KEFU_TRUNK_ADDRESS: '192.0.2.10:5060',
    });
    expect(c.sipUdp).toEqual({ host: '127.0.0.1', port: 5060 });
    expect(c.sipTcp).toEqual({ host: '::1', port: 5061 });
    expect(c.media.externalNg).toEqual({ host: '10.0.0.5', port: 2223 });
    expect(c.media.ports).toEqual({ min: 40000, max: 40100 });
    expect(parseConfig({ KEFU_DEFAULT_REGION: 'US', KEFU_QUEUE_POSITION_EVERY: '0' }).media.announcements).toEqual({ positionEverySeconds: 0, language: 'en' });
    expect(parseConfig({ KEFU_PROMPT_LANGUAGE: 'en' }).media.announcements.language).toBe('en');
    expect(c.trunk).toEqual({ address: { host: '192.0.2.10', port: 5060 }, transport: 'udp' });
  });

  it('names each bad address or range', () => {
    let message = '';
    try {
      parseConfig({ KEFU_SIP_UDP: 'localhost:5060', KEFU_SIP_TCP: '127.0.0.1:70000', KEFU_RTPENGINE_URL: '999.1.1.1:1', KEFU_RTPENGINE_PORTS: '30000-30005', KEFU_TRUNK_TRANSPORT: 'tls' });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const key of ['KEFU_SIP_UDP', 'KEFU_SIP_TCP', 'KEFU_RTPENGINE_URL', 'KEFU_RTPENGINE_PORTS', 'KEFU_TRUNK_TRANSPORT']) expect(message).toContain(key);
  });

  it('refuses a trunk without a listener for its transport', () => {
    expect(() => parseConfig({ KEFU_TRUNK_ADDRESS: '192.0.2.10:5060', KEFU_TRUNK_TRANSPORT: 'tcp', KEFU_SIP_UDP: '127.0.0.1:5060' })).toThrow(/needs KEFU_SIP_TCP/);
  });
});

describe('monitoring settings', () => {
  it('lets supervisors use every mode and agents see who monitors unless narrowed, refusing a made-up mode', () => {
    expect(parseConfig({}).monitoring).toEqual({ supervisorModes: ['listen', 'whisper', 'barge'], agentSeesMonitoring: true });
    expect(parseConfig({ KEFU_MONITOR_SUPERVISOR_MODES: ' listen, whisper ', KEFU_MONITOR_AGENT_SEES: 'false' }).monitoring).toEqual({
      supervisorModes: ['listen', 'whisper'],
      agentSeesMonitoring: false,
    });
    expect(() => parseConfig({ KEFU_MONITOR_SUPERVISOR_MODES: 'listen,shout' })).toThrow(/KEFU_MONITOR_SUPERVISOR_MODES/);
  });

  it('keeps audit entries three years unless told otherwise, and never less than a year', () => {
    expect(parseConfig({}).auditRetentionDays).toBe(1095);
    expect(parseConfig({ KEFU_AUDIT_RETENTION_DAYS: '2555' }).auditRetentionDays).toBe(2555);
    for (const bad of ['30', '3y', '1095.5']) expect(() => parseConfig({ KEFU_AUDIT_RETENTION_DAYS: bad })).toThrow(/KEFU_AUDIT_RETENTION_DAYS/);
  });
});
