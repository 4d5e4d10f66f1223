import { describe, expect, it } from 'vitest';
import { dtmfDuration, dtmfInfoBody, normalizeDtmfDigit, parseDtmfInfo } from './dtmf.js';

describe('DTMF', () => {
  it('accepts the sixteen digits, upper-casing A-D', () => {
    for (const digit of '0123456789*#ABCD') expect(normalizeDtmfDigit(digit)).toBe(digit);
    expect(normalizeDtmfDigit('a')).toBe('A');
  });

  it.each(['', '12', 'E', ' ', '5\r\n', 'Signal=5'])('refuses %j', (digit) => {
    expect(() => normalizeDtmfDigit(digit)).toThrow(expect.objectContaining({ code: 'INVALID_DTMF' }));
  });

  it('builds the application/dtmf-relay INFO body', () => {
    expect(dtmfInfoBody('5', 160)).toEqual({
      contentDisposition: 'render',
      contentType: 'application/dtmf-relay',
      content: 'Signal=5\r\nDuration=160',
    });
  });

  it('keeps durations within what RTCDTMFSender accepts', () => {
    expect([undefined, 10, 160, 99_999, Number.NaN].map(dtmfDuration)).toEqual([160, 40, 160, 6000, 160]);
  });

  it('reads incoming INFO bodies', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160')).toEqual({ digit: '5', durationMs: 160 });
    expect(parseDtmfInfo('Application/DTMF-Relay; charset=x', 'signal= #\nduration=250\n')).toEqual({ digit: '#', durationMs: 250 });
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=*')).toEqual({ digit: '*', durationMs: undefined });
    expect(parseDtmfInfo('application/dtmf', 'b')).toEqual({ digit: 'B', durationMs: undefined });
  });

  it('does not guess at other bodies', () => {
    expect(parseDtmfInfo('application/dtmf-relay', 'Signal=55')).toBeUndefined();
    expect(parseDtmfInfo('application/dtmf-relay', 'Duration=100')).toBeUndefined();
    expect(parseDtmfInfo('application/media_control+xml', '<x/>')).toBeUndefined();
    expect(parseDtmfInfo(undefined, 'Signal=5')).toBeUndefined();
  });
});
