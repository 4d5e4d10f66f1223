import fc from 'fast-check';
import { Grammar, type NameAddrHeader } from 'sip.js/lib/grammar/index.js';
import { describe, expect, it } from 'vitest';
import { buildResponse } from './build.js';
import { sipGrammar, type NameAddr } from './grammar.js';
import { parseSipMessage } from './parse.js';

/** What sip.js's grammar itself makes of a To value, in our record's terms. */
function grammarTo(value: string): Omit<NameAddr, 'params'> & { params: Record<string, string | null> } {
  const parsed = Grammar.parse(value, 'To') as NameAddrHeader | -1;
  if (parsed === -1) throw new Error(`grammar refused ${value}`);
  const params = (parsed as unknown as { parameters: Record<string, string | null> }).parameters;
  return { displayName: parsed.displayName || undefined, uri: parsed.uri.toString(), user: parsed.uri.user, params: { ...params } };
}

const asPlain = (n: NameAddr | null) => (n ? { ...n, params: Object.fromEntries(n.params) } : n);

function invite(to: string): string {
  return [
    'INVITE sip:support@kefu.test SIP/2.0',
    'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK776asdhds',
    'Max-Forwards: 70',
    `To: ${to}`,
    'From: <sip:1@kefu.test>;tag=f',
    'Call-ID: c1',
    'CSeq: 1 INVITE',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

describe('sipGrammar', () => {
  it('reads start lines, CSeq, Max-Forwards and contacts, and says null to what does not match', () => {
    expect(sipGrammar.startLine('INVITE sip:support@kefu.test SIP/2.0')).toEqual({
      kind: 'request', method: 'INVITE', ruriUser: 'support', ruri: 'sip:support@kefu.test',
    });
    expect(sipGrammar.startLine('SIP/2.0 180 Ringing')).toEqual({ kind: 'response', statusCode: 180, reasonPhrase: 'Ringing' });
    expect(sipGrammar.startLine('junk 1')).toBeNull();
    expect(sipGrammar.cseq('42 BYE')).toEqual({ seq: 42, method: 'BYE' });
    expect(sipGrammar.cseq('x BYE')).toBeNull();
    expect(sipGrammar.maxForwards('70')).toBe(70);
    expect(sipGrammar.maxForwards('-1')).toBeNull();
    expect(sipGrammar.contentLength('12')).toBe(12);
    expect(sipGrammar.isContentType('application/sdp')).toBe(true);
    expect(sipGrammar.isContentType('not a type')).toBe(false);
    const contacts = sipGrammar.contacts('<sip:x@a.invalid;transport=ws>;expires=60, "B" <sip:y@b.invalid>');
    expect(contacts?.map((c) => [c.uri, c.params.get('expires')])).toEqual([['sip:x@a.invalid;transport=ws', '60'], ['sip:y@b.invalid', undefined]]);
    expect(sipGrammar.contacts('*')).toBeNull();
    expect(sipGrammar.viaBranch('SIP/2.0/WS x.invalid;branch=z9hG4bKq')).toEqual({ branch: 'z9hG4bKq' });
    expect(sipGrammar.viaBranch('nonsense')).toBeNull();
  });

  it('hands out the same frozen record for a value it has seen', () => {
    const first = sipGrammar.from('"Li Lei" <sip:+8613800138000@kefu.test>;tag=1928301774');
    expect(first).toMatchObject({ displayName: 'Li Lei', user: '+8613800138000', uri: 'sip:+8613800138000@kefu.test' });
    expect(first?.params.get('tag')).toBe('1928301774');
    expect(Object.isFrozen(first)).toBe(true);
    expect(sipGrammar.from('"Li Lei" <sip:+8613800138000@kefu.test>;tag=1928301774')).toBe(first);
  });

  it('knows the To of our answers exactly as the grammar reads it', () => {
    const tos = ['<sip:support@kefu.test>', '"Support \\"24h\\"" <sip:support@kefu.test;transport=ws>;x=1', 'sip:4008001234@kefu.test;y', 'Bob <sip:bob@[::1]:5060>'];
    for (const to of tos) {
      const parsed = parseSipMessage(invite(to));
      if (parsed.kind !== 'request') throw new Error(`fixture ${to}`);
      const response = buildResponse(parsed.message, 200, 'OK', { toTag: 'a1b2c3' });
      const tagged = response.split('\r\n').find((l) => l.startsWith('To: '))!.slice(4);
      expect(asPlain(sipGrammar.to(tagged)), to).toEqual(grammarTo(tagged));
    }
  });

  it('refuses a To whose escaped user the parser cannot write back, instead of throwing', () => {
    let kind = '';
    expect(() => (kind = parseSipMessage(invite('<sip:a%25@kefu.test>')).kind)).not.toThrow();
    expect(['invalid-request', 'drop']).toContain(kind);
  });

  it('agrees with the grammar on generated To values once tagged', () => {
    const token = fc.stringMatching(/^[a-z0-9][a-z0-9.!%*_+`'~-]{0,11}$/);
    fc.assert(
      fc.property(token, fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,10}[A-Za-z]$/)), fc.option(token), fc.stringMatching(/^[0-9a-f]{1,16}$/), (user, name, param, tag) => {
        const to = `${name ? `"${name}" ` : ''}<sip:${user}@kefu.test>${param ? `;${param}=v` : ''}`;
        const parsed = parseSipMessage(invite(to));
        if (parsed.kind !== 'request') return;
        const tagged = buildResponse(parsed.message, 180, 'Ringing', { toTag: tag }).split('\r\n').find((l) => l.startsWith('To: '))!.slice(4);
        expect(asPlain(sipGrammar.to(tagged))).toEqual(grammarTo(tagged));
      }),
      { numRuns: 100 },
    );
  });
});
