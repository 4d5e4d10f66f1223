import { describe, expect, it } from 'vitest';
import { parseSoftphoneConfig } from './config.js';

const credentials = {
  uri: 'sip:agent1@kefu.local',
  authorizationUsername: 'agent1',
  authorizationPassword: 's3cret-value',
  wsServer: 'wss://kefu.example.com/sip',
  displayName: 'Agent One',
};

describe('softphone config', () => {
  it('fills in LAN-friendly defaults', () => {
    expect(parseSoftphoneConfig(credentials)).toMatchObject({
      iceGatheringTimeoutMs: 200,
      iceServers: [],
      reconnect: { initialDelayMs: 500, maxDelayMs: 8000 },
      registerExpiresSeconds: 600,
    });
  });

  it('names every bad field and never echoes the password', () => {
    let message = '';
    try {
      parseSoftphoneConfig({ ...credentials, uri: 'agent1', wsServer: 'https://x', iceGatheringTimeoutMs: -1, authorizationPassword: 7 });
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_CONFIG' });
      message = (error as Error).message;
    }
    for (const field of ['uri', 'wsServer', 'iceGatheringTimeoutMs', 'authorizationPassword']) expect(message).toContain(field);
    expect(message).not.toContain('s3cret');
  });

  it('refuses a backoff whose maximum is below its start', () => {
    expect(() => parseSoftphoneConfig({ ...credentials, reconnect: { initialDelayMs: 1000, maxDelayMs: 10, jitter: 0 } })).toThrow(
      /maxDelayMs/,
    );
  });
});
