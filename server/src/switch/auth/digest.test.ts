import { LoggerFactory, Parser } from 'sip.js/lib/core/index.js';
import { describe, expect, it } from 'vitest';
import { buildResponse } from '../message/build.js';
import { parseSipMessage } from '../message/parse.js';
import { computeHa1, computeHa1Set, computeResponse, DigestAuth, parseDigestCredentials, type DigestAlgorithm } from './digest.js';

// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
const RFC = {
  username: 'Mufasa',
  realm: 'http-auth@example.org',
  password: 'Circle of Life',
  method: 'GET',
  uri: '/dir/index.html',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  nc: '00000001',
};

describe('digest response (RFC 7616 §3.9.1 vectors)', () => {
  it.each([
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ] as const)('%s', (algorithm, expected) => {
    const ha1 = computeHa1(algorithm, RFC.username, RFC.realm, RFC.password);
    expect(computeResponse({ algorithm, ha1, nonce: RFC.nonce, nc: RFC.nc, cnonce: RFC.cnonce, qop: 'auth', method: RFC.method, uri: RFC.uri })).toBe(expected);
  });
});

describe('parseDigestCredentials', () => {
  it('reads quoted and token values, with commas and escapes inside quotes', () => {
    const p = parseDigestCredentials('Digest username="a\\"b", realm="x,y", nc=00000001, qop=auth');
    expect(p?.get('username')).toBe('a"b');
    expect(p?.get('realm')).toBe('x,y');
    expect(p?.get('nc')).toBe('00000001');
  });
  it.each(['Basic abc', 'Digest username="open', 'Digest novalue', 'Digest a=1, a=2', `Digest x="${'a'.repeat(5000)}"`])(
    'refuses %s',
    (header) => expect(parseDigestCredentials(header)).toBeUndefined(),
  );
});

describe('DigestAuth', () => {
  const realm = 'kefu.test';
  const secrets = [computeHa1Set('1001', realm, 'pw')];
  const lookup = (u: string) => (u === '1001' ? secrets : undefined);

  function answer(auth: DigestAuth, algorithm: DigestAlgorithm, opts: { password?: string; nc?: string; nonce?: string } = {}): string {
    const challenge = auth.challenges().find((c) => c.includes(`algorithm=${algorithm}`))!;
    const nonce = opts.nonce ?? parseDigestCredentials(challenge)!.get('nonce')!;
    const nc = opts.nc ?? '00000001';
    const ha1 = computeHa1(algorithm, '1001', realm, opts.password ?? 'pw');
    const response = computeResponse({ algorithm, ha1, nonce, nc, cnonce: 'c', qop: 'auth', method: 'REGISTER', uri: 'sip:kefu.test' });
    return `Digest username="1001", realm="${realm}", nonce="${nonce}", uri="sip:kefu.test", response="${response}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="c"`;
  }

  it('offers SHA-256 first, then MD5, with qop=auth', () => {
    const [first, second] = new DigestAuth({ realm }).challenges();
    expect(first).toMatch(/algorithm=SHA-256/);
    expect(second).toMatch(/algorithm=MD5/);
    expect(first).toContain('qop="auth"');
  });

  it.each(['SHA-256', 'MD5'] as const)('accepts the right password with %s', (algorithm) => {
    const auth = new DigestAuth({ realm });
    expect(auth.verify(answer(auth, algorithm), 'REGISTER', lookup)).toEqual({ ok: true, username: '1001', algorithm });
  });

  it('refuses a wrong password, an unknown user and a forged nonce', () => {
    const auth = new DigestAuth({ realm });
    expect(auth.verify(answer(auth, 'SHA-256', { password: 'nope' }), 'REGISTER', lookup)).toMatchObject({ ok: false, stale: false });
    expect(auth.verify(answer(auth, 'MD5'), 'REGISTER', () => undefined)).toMatchObject({ ok: false });
    expect(auth.verify(answer(auth, 'MD5', { nonce: 'abc.def.ghi' }), 'REGISTER', lookup)).toMatchObject({ ok: false, reason: 'nonce not ours' });
    // A nonce signed by another server's secret is as good as forged.
    const other = new DigestAuth({ realm });
    expect(auth.verify(answer(other, 'MD5'), 'REGISTER', lookup)).toMatchObject({ ok: false, reason: 'nonce not ours' });
  });

  it('answers stale=true for the right password on an expired nonce', () => {
    let now = 1_000_000;
    const auth = new DigestAuth({ realm, nonceTtlMs: 60_000, now: () => now });
    const header = answer(auth, 'SHA-256');
    now += 61_000;
    expect(auth.verify(header, 'REGISTER', lookup)).toMatchObject({ ok: false, stale: true });
    expect(auth.challenges(true)[0]).toContain('stale=true');
  });

  it('refuses a replayed or non-increasing nonce count', () => {
    const auth = new DigestAuth({ realm });
    const header = answer(auth, 'MD5');
    expect(auth.verify(header, 'REGISTER', lookup).ok).toBe(true);
    expect(auth.verify(header, 'REGISTER', lookup)).toMatchObject({ ok: false, reason: 'nonce count replayed' });
    const nonce = parseDigestCredentials(header)!.get('nonce')!;
    expect(auth.verify(answer(auth, 'MD5', { nonce, nc: '00000002' }), 'REGISTER', lookup).ok).toBe(true);
  });

  it('refuses credentials without qop=auth or for another realm', () => {
    const auth = new DigestAuth({ realm });
    expect(auth.verify(answer(auth, 'MD5').replace('qop=auth, ', ''), 'REGISTER', lookup).ok).toBe(false);
    expect(auth.verify(answer(auth, 'MD5').replace(`realm="${realm}"`, 'realm="evil"'), 'REGISTER', lookup).ok).toBe(false);
  });

  it('is read by sip.js as its last WWW-Authenticate header: MD5, the one sip.js 0.21 can answer', () => {
    // sip.js's parser keeps only the last WWW-Authenticate (setHeader replaces), and its
    // DigestAuthentication aborts on anything but MD5. Sending SHA-256 first keeps RFC 8760
    // order and still lets the unmodified softphone register with MD5.
    const register = parseSipMessage(
      'REGISTER sip:kefu.test SIP/2.0\r\nVia: SIP/2.0/WSS x.invalid;branch=z9hG4bK1\r\nMax-Forwards: 70\r\nTo: <sip:1001@kefu.test>\r\nFrom: <sip:1001@kefu.test>;tag=1\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n',
    );
    if (register.kind !== 'request') throw new Error('fixture did not parse');
    const raw = buildResponse(register.message, 401, 'Unauthorized', {
      headers: new DigestAuth({ realm }).challenges().map((c) => ['WWW-Authenticate', c] as const),
    });
    // Read the way the softphone reads it: with sip.js's own message parser.
    const quiet = new LoggerFactory();
    quiet.builtinEnabled = false;
    const response = Parser.parseMessage(raw, quiet.getLogger('test'));
    if (!response) throw new Error('response did not parse');
    expect(response.parseHeader('www-authenticate')).toMatchObject({ algorithm: 'MD5', realm });
  });
});
