import { describe, expect, it } from 'vitest';
import { originAllowed, originPolicyFor, parseOriginList, SAME_HOST_ONLY } from './origin-policy.js';

describe('originAllowed', () => {
  it('lets phones without Origin in, and pages only from the host they were served by', () => {
    expect(originAllowed(SAME_HOST_ONLY, undefined, 'kefu.example.com')).toBe(true);
    expect(originAllowed(SAME_HOST_ONLY, 'https://kefu.example.com', 'kefu.example.com')).toBe(true);
    expect(originAllowed(SAME_HOST_ONLY, 'http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(originAllowed(SAME_HOST_ONLY, 'HTTP://KEFU.example.com', 'Kefu.Example.com')).toBe(true);
    expect(originAllowed(SAME_HOST_ONLY, 'http://127.0.0.1:3001', '127.0.0.1:3000')).toBe(false);
    expect(originAllowed(SAME_HOST_ONLY, 'https://evil.example', 'kefu.example.com')).toBe(false);
    expect(originAllowed(SAME_HOST_ONLY, 'https://kefu.example.com', undefined)).toBe(false);
  });

  it('refuses opaque and unreadable origins', () => {
    expect(originAllowed(SAME_HOST_ONLY, 'null', 'kefu.example.com')).toBe(false);
    expect(originAllowed(SAME_HOST_ONLY, '', 'kefu.example.com')).toBe(false);
    expect(originAllowed(SAME_HOST_ONLY, 'not an origin', 'kefu.example.com')).toBe(false);
  });

  it('by default also takes the public URL’s origin (a proxy may change the Host)', () => {
    const policy = originPolicyFor(null, 'https://kefu.example.com/console/');
    expect(originAllowed(policy, 'https://kefu.example.com', 'internal:3000')).toBe(true);
    expect(originAllowed(policy, 'https://kefu.example.com:443', 'internal:3000')).toBe(true);
    expect(originAllowed(policy, 'http://kefu.example.com', 'internal:3000')).toBe(false);
    expect(originAllowed(policy, 'http://internal:3000', 'internal:3000')).toBe(true);
  });

  it('takes exactly a configured list, not the own host', () => {
    const policy = originPolicyFor(['https://a.example', 'http://10.0.0.5:3000'], 'https://kefu.example.com');
    expect(originAllowed(policy, 'http://10.0.0.5:3000', '10.0.0.5:3000')).toBe(true);
    expect(originAllowed(policy, 'https://a.example', 'x')).toBe(true);
    expect(originAllowed(policy, 'https://kefu.example.com', 'kefu.example.com')).toBe(false);
    expect(originAllowed(policy, undefined, 'kefu.example.com')).toBe(true);
  });
});

describe('parseOriginList', () => {
  it('reads a comma-separated list into URL origins', () => {
    expect(parseOriginList(' https://A.example , http://10.0.0.5:3000/ ')).toEqual({ ok: true, origins: ['https://a.example', 'http://10.0.0.5:3000'] });
  });

  it.each(['', ' , ', 'a.example', 'wss://a.example', 'https://a.example/path', 'https://a.example/#x', 'https://u@a.example'])('refuses %j', (text) => {
    expect(parseOriginList(text).ok).toBe(false);
  });
});
