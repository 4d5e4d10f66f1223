import { Grammar } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { identityFromHeader, readKefuHeaders } from './call-identity.js';

function header(value: string) {
  const parsed = Grammar.nameAddrHeaderParse(value);
  if (!parsed) throw new Error(`bad header ${value}`);
  return parsed;
}

describe('caller identity', () => {
  it('reads user and display name', () => {
    expect(identityFromHeader(header('"张伟" <sip:+8613800138000@kefu.local>'))).toEqual({
      uri: 'sip:+8613800138000@kefu.local',
      user: '+8613800138000',
      displayName: '张伟',
    });
  });

  it('treats a missing or blank display name as absent', () => {
    expect(identityFromHeader(header('<sip:1001@kefu.local>')).displayName).toBeUndefined();
    expect(identityFromHeader(header('" " <sip:1001@kefu.local>')).displayName).toBeUndefined();
  });
});

describe('X-Kefu headers', () => {
  const message = (headers: Record<string, string>) => ({ getHeader: (name: string) => headers[name] });

  it('reads both ids', () => {
    expect(readKefuHeaders(message({ 'X-Kefu-Interaction-Id': ' i-1 ', 'X-Kefu-Call-Id': 'c:2' }))).toEqual({
      interactionId: 'i-1',
      kefuCallId: 'c:2',
    });
  });

  it('drops malformed values and says so', () => {
    const invalid: string[] = [];
    const found = readKefuHeaders(
      message({ 'X-Kefu-Interaction-Id': 'a b', 'X-Kefu-Call-Id': 'x'.repeat(129) }),
      (name) => invalid.push(name),
    );
    expect(found).toEqual({ interactionId: undefined, kefuCallId: undefined });
    expect(invalid).toEqual(['X-Kefu-Interaction-Id', 'X-Kefu-Call-Id']);
  });

  it('absent headers are absent', () => {
    expect(readKefuHeaders(message({}))).toEqual({ interactionId: undefined, kefuCallId: undefined });
  });
});
