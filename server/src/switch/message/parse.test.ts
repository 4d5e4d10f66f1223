import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRequest, buildResponse, headerValue, quoteDisplayName } from './build.js';
import { parseSipMessage } from './parse.js';

function invite(overrides: Record<string, string | null> = {}): string {
  const headers: Record<string, string | null> = {
    Via: 'SIP/2.0/WSS abc.invalid;branch=z9hG4bK776asdhds',
    'Max-Forwards': '70',
    To: '<sip:support@kefu.test>',
    From: '"Li Lei" <sip:+8613800138000@kefu.test>;tag=1928301774',
    'Call-ID': 'a84b4c76e66710',
    CSeq: '314159 INVITE',
    Contact: '<sip:x@abc.invalid;transport=ws>',
    ...overrides,
  };
  const lines = Object.entries(headers).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`);
  return `INVITE sip:support@kefu.test SIP/2.0\r\n${lines.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`;
}

describe('parseSipMessage', () => {
  it('parses a good INVITE', () => {
    const parsed = parseSipMessage(invite());
    expect(parsed.kind).toBe('request');
    if (parsed.kind !== 'request') return;
    expect(parsed.message.method).toBe('INVITE');
    expect(parsed.message.ruriUser).toBe('support');
    expect(parsed.message.from?.user).toBe('+8613800138000');
    expect(parsed.message.from?.displayName).toBe('Li Lei');
    expect(parsed.message.fromTag).toBe('1928301774');
    expect(parsed.message.toTag).toBeUndefined();
    expect(parsed.message.cseqHeader).toEqual({ seq: 314159, method: 'INVITE' });
    expect(parsed.message.contactUri()).toBe('sip:x@abc.invalid;transport=ws');
  });

  it.each([
    ['Call-ID', 'Call-ID'],
    ['To', 'To'],
    ['Max-Forwards', 'Max-Forwards'],
  ])('answers 400 when %s is missing', (header, named) => {
    const parsed = parseSipMessage(invite({ [header]: null }));
    expect(parsed).toMatchObject({ kind: 'invalid-request', status: 400 });
    if (parsed.kind === 'invalid-request') expect(parsed.reason).toContain(named);
  });

  it('answers 400 for a From without tag and a CSeq of another method', () => {
    expect(parseSipMessage(invite({ From: '<sip:a@kefu.test>' }))).toMatchObject({ kind: 'invalid-request', status: 400 });
    expect(parseSipMessage(invite({ CSeq: '1 BYE' }))).toMatchObject({ kind: 'invalid-request', status: 400 });
  });

  it('answers 483 when Max-Forwards is 0', () => {
    expect(parseSipMessage(invite({ 'Max-Forwards': '0' }))).toMatchObject({ kind: 'invalid-request', status: 483 });
  });

  it('drops what it cannot answer: no Via, bad CSeq, garbage', () => {
    expect(parseSipMessage(invite({ Via: null })).kind).toBe('drop');
    expect(parseSipMessage(invite({ CSeq: 'abc INVITE' })).kind).toBe('drop');
    expect(parseSipMessage('hello').kind).toBe('drop');
    expect(parseSipMessage('SIP/2.0 200 OK\r\nCSeq: x\r\n\r\n').kind).toBe('drop');
  });

  it('needs a Via on every request, and a branch in it where it names a transaction: CANCEL', () => {
    const as = (method: string, via: string) => invite({ Via: via }).replace('INVITE sip:', `${method} sip:`).replace('314159 INVITE', `314159 ${method}`);
    expect(parseSipMessage(as('BYE', 'not a via')).kind).toBe('request');
    expect(parseSipMessage(as('CANCEL', 'not a via'))).toMatchObject({ kind: 'drop' });
    expect(parseSipMessage(as('CANCEL', 'SIP/2.0/WSS abc.invalid'))).toMatchObject({ kind: 'drop' });
    expect(parseSipMessage(as('CANCEL', 'SIP/2.0/WSS abc.invalid;branch=z9hG4bKc'))).toMatchObject({ kind: 'request' });
  });

  it('answers 400 for a second From or Content-Length, and for a body shorter than its length', () => {
    const twoFroms = invite().replace('Call-ID:', 'From: <sip:b@kefu.test>;tag=2\r\nCall-ID:');
    expect(parseSipMessage(twoFroms)).toMatchObject({ kind: 'invalid-request', status: 400, reason: 'Duplicate from' });
    expect(parseSipMessage(invite().replace('Content-Length: 0', 'Content-Length: 0\r\nContent-Length: 5'))).toMatchObject({ kind: 'invalid-request', status: 400 });
    expect(parseSipMessage(invite().replace('Content-Length: 0', 'Content-Length: 10') + 'short')).toMatchObject({ kind: 'invalid-request', reason: 'Content-Length exceeds body' });
  });

  it('cuts the body at Content-Length bytes', () => {
    const parsed = parseSipMessage(invite().replace('Content-Length: 0', 'Content-Length: 6') + '张伟 and more');
    if (parsed.kind !== 'request') throw new Error('fixture');
    expect(parsed.message.body).toBe('张伟');
  });

  it('reads responses for their transaction: status, CSeq method, Call-ID, top Via', () => {
    const parsed = parseSipMessage('SIP/2.0 180 Ringing\r\nVia: SIP/2.0/WSS k.invalid;branch=z9hG4bKk\r\nTo: <sip:a@b>;tag=t\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n');
    if (parsed.kind !== 'response') throw new Error('fixture');
    expect([parsed.message.statusCode, parsed.message.method, parsed.message.callId, parsed.message.viaBranch]).toEqual([180, 'INVITE', 'c', 'z9hG4bKk']);
    expect(parseSipMessage('SIP/2.0 180 Ringing\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n').kind).toBe('drop');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        parseSipMessage(s);
        parseSipMessage(invite().slice(0, 60) + s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('building messages', () => {
  it('builds a response that copies Via, From, To (plus our tag), Call-ID and CSeq', () => {
    const parsed = parseSipMessage(invite());
    if (parsed.kind !== 'request') throw new Error('fixture');
    const raw = buildResponse(parsed.message, 182, 'Queued', { toTag: 'ours' });
    const back = parseSipMessage(raw);
    expect(back.kind).toBe('response');
    if (back.kind !== 'response') return;
    expect(back.message.statusCode).toBe(182);
    expect(back.message.getHeader('to')).toBe('<sip:support@kefu.test>;tag=ours');
    expect(back.message.viaBranch).toBe('z9hG4bK776asdhds');
    expect(back.message.cseq).toBe(314159);
  });

  it('leaves 100 Trying without a To tag', () => {
    const parsed = parseSipMessage(invite());
    if (parsed.kind !== 'request') throw new Error('fixture');
    expect(buildResponse(parsed.message, 100, 'Trying', { toTag: 'x' })).not.toContain('tag=x');
  });

  it('builds a request sip.js parses back, body and length included', () => {
    const raw = buildRequest({
      method: 'INFO', ruri: 'sip:a@b.invalid', viaHost: 'c.invalid', branch: 'z9hG4bKx', from: '<sip:k@kefu.test>;tag=1',
      to: '<sip:a@kefu.test>;tag=2', callId: 'id', cseq: 3, body: { contentType: 'application/dtmf-relay', content: 'Signal=5\r\nDuration=160' },
    });
    const parsed = parseSipMessage(raw);
    expect(parsed.kind).toBe('request');
    if (parsed.kind === 'request') expect(parsed.message.body).toBe('Signal=5\r\nDuration=160');
  });

  it('keeps injected line breaks out of header values and quotes display names', () => {
    expect(headerValue('a\r\nVia: evil')).toBe('a Via: evil');
    expect(quoteDisplayName('Bob "the" \\ \r\nX: y')).toBe('"Bob \\"the\\" \\\\  X: y"');
  });
});
