import { UserAgent } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { checkExtraHeaders, toTargetUri } from './dial-target.js';

const own = UserAgent.makeURI('sip:agent1@kefu.local:5070');
if (!own) throw new Error('bad test uri');

describe('dial targets', () => {
  it.each([
    ['sip:bob@example.com', 'sip:bob@example.com'],
    ['1001', 'sip:1001@kefu.local:5070'],
    ['+86 138-0013 8000', 'sip:+8613800138000@kefu.local:5070'],
    ['(010) 1234.5678', 'sip:01012345678@kefu.local:5070'],
    ['tel:+8613800138000;phone-context=x', 'sip:+8613800138000@kefu.local:5070'],
    ['*72', 'sip:*72@kefu.local:5070'],
  ])('%s -> %s', (target, uri) => {
    expect(toTargetUri(target, own).toString()).toBe(uri);
  });

  it.each(['', 'bob smith', 'a@b', 'sip:', '1001\r\nVia: x', '<script>'])('refuses %j', (target) => {
    expect(() => toTargetUri(target, own)).toThrow(expect.objectContaining({ code: 'INVALID_TARGET' }));
  });
});

describe('extra headers', () => {
  it('accepts X- headers', () => {
    expect(checkExtraHeaders(['X-Kefu-Interaction-Id: abc'])).toEqual(['X-Kefu-Interaction-Id: abc']);
  });

  it.each(['Via: SIP/2.0/WSS evil', 'X-A: b\r\nRoute: <sip:evil>', 'X-No-Colon'])('refuses %j', (line) => {
    expect(() => checkExtraHeaders([line])).toThrow(expect.objectContaining({ code: 'INVALID_TARGET' }));
  });
});
