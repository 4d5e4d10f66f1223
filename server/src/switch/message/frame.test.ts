import { describe, expect, it } from 'vitest';
import { bodyBytes, frameMessage } from './frame.js';

describe('frameMessage', () => {
  it('cuts start line, headers (lower-case, compact forms expanded) and the rest', () => {
    const framed = frameMessage('OPTIONS sip:a@b SIP/2.0\r\nv: SIP/2.0/WS x.invalid;branch=z9hG4bK1\r\nCALL-ID:  abc \r\nl: 4\r\n\r\nbody');
    expect(framed).toEqual({
      startLine: 'OPTIONS sip:a@b SIP/2.0',
      names: ['via', 'call-id', 'content-length'],
      values: ['SIP/2.0/WS x.invalid;branch=z9hG4bK1', 'abc', '4'],
      rest: 'body',
    });
  });

  it('joins folded lines with one space (RFC 3261 §7.3.1)', () => {
    const framed = frameMessage('OPTIONS sip:a@b SIP/2.0\r\nSubject: first\r\n \t second\r\nTo: <sip:a@b>\r\n\r\n');
    expect(framed?.values).toEqual(['first second', '<sip:a@b>']);
  });

  it('refuses what has no header end, a header line without a colon, or no start line', () => {
    expect(frameMessage('OPTIONS sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\n')).toBeUndefined();
    expect(frameMessage('OPTIONS sip:a@b SIP/2.0\r\nno colon here\r\nTo: x\r\n\r\n')).toBeUndefined();
    expect(frameMessage('OPTIONS sip:a@b SIP/2.0\r\n: empty name\r\n\r\n')).toBeUndefined();
    expect(frameMessage('\r\nTo: x\r\n\r\n')).toBeUndefined();
    expect(frameMessage('hello')).toBeUndefined();
  });

  it('keeps an empty message body empty', () => {
    expect(frameMessage('SIP/2.0 200 OK\r\n\r\n')).toEqual({ startLine: 'SIP/2.0 200 OK', names: [], values: [], rest: '' });
  });
});

describe('bodyBytes', () => {
  it('counts Content-Length in bytes, not characters', () => {
    expect(bodyBytes('abcdef', 3)).toBe('abc');
    expect(bodyBytes('张伟xyz', 6)).toBe('张伟');
    expect(bodyBytes('张伟', 100)).toBe('张伟');
  });
});
