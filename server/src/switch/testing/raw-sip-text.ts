import { randomBytes } from 'node:crypto';
import type { SipAccount } from '../ports.js';
import { computeHa1, computeResponse, parseDigestCredentials } from '../auth/digest.js';
import type { RawSipClient } from './raw-sip-client.js';

// Reading and writing SIP text for tests that play a phone by hand. Deliberately simple and
// independent of the switch's own parser, so a bug there cannot hide behind the same code.

export type RawHeader = readonly [name: string, value: string];

export const TEST_SDP = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 127.0.0.1', 'a=sendrecv', ''].join('\r\n');

/** The value of the first header line called `name` (full names only: the switch sends no compact forms). */
export function headerOf(message: string, name: string): string | undefined {
  const head = message.slice(0, message.indexOf('\r\n\r\n'));
  const wanted = `${name.toLowerCase()}:`;
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(wanted));
  return line?.slice(wanted.length).trim();
}

/** A response with `status` to a request with CSeq method `method`. */
export function isResponse(status: number, method: string): (message: string) => boolean {
  return (m) => m.startsWith(`SIP/2.0 ${status} `) && headerOf(m, 'cseq')?.endsWith(` ${method}`) === true;
}

/** The URI between `<` and `>` of a name-addr. */
export function uriOf(nameAddr: string): string {
  return nameAddr.slice(nameAddr.indexOf('<') + 1, nameAddr.indexOf('>'));
}

export function sipMessage(startLine: string, headers: readonly RawHeader[], body = '', contentType = 'application/sdp'): string {
  const lines = [startLine, ...headers.map(([n, v]) => `${n}: ${v}`)];
  if (body) lines.push(`Content-Type: ${contentType}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A response to `request`: Vias, From, To (with `toTag` added), Call-ID and CSeq copied. */
export function answer(request: string, status: number, reason: string, options: { toTag?: string; headers?: readonly RawHeader[]; body?: string } = {}): string {
  const head = request.slice(0, request.indexOf('\r\n\r\n')).split('\r\n').slice(1);
  const copied: RawHeader[] = [];
  for (const line of head) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    const lower = name.toLowerCase();
    if (lower === 'to') copied.push([name, options.toTag && !value.includes(';tag=') ? `${value};tag=${options.toTag}` : value]);
    else if (['via', 'from', 'call-id', 'cseq'].includes(lower)) copied.push([name, value]);
  }
  return sipMessage(`SIP/2.0 ${status} ${reason}`, [...copied, ...(options.headers ?? [])], options.body ?? '');
}

export function newBranch(): string {
  return `z9hG4bK${randomBytes(8).toString('hex')}`;
}

/** REGISTERs `account` on the client's connection, answering the 401 with MD5 digest. */
export async function digestRegister(client: RawSipClient, account: SipAccount, domain: string, contact: string): Promise<void> {
  const callId = randomBytes(8).toString('hex');
  const aor = `<sip:${account.username}@${domain}>`;
  const register = (cseq: number, extra: readonly RawHeader[]): string =>
    sipMessage(`REGISTER sip:${domain} SIP/2.0`, [
      ['Via', `SIP/2.0/WS raw.invalid;branch=${newBranch()}`],
      ['Max-Forwards', '70'],
      ['To', aor],
      ['From', `${aor};tag=reg${callId.slice(0, 6)}`],
      ['Call-ID', callId],
      ['CSeq', `${cseq} REGISTER`],
      ['Contact', `${contact};expires=600`],
      ...extra,
    ]);
  client.send(register(1, []));
  const challenge = await client.waitFor((m) => m.startsWith('SIP/2.0 401 ') && m.includes(callId));
  const md5 = challenge.split('\r\n').find((l) => l.startsWith('WWW-Authenticate:') && l.includes('algorithm=MD5'));
  if (!md5) throw new Error('no MD5 challenge');
  const nonce = parseDigestCredentials(md5.slice('WWW-Authenticate:'.length))?.get('nonce') ?? '';
  const uri = `sip:${domain}`;
  const ha1 = computeHa1('MD5', account.username, domain, account.password);
  const response = computeResponse({ algorithm: 'MD5', ha1, nonce, nc: '00000001', cnonce: 'c0ffee', qop: 'auth', method: 'REGISTER', uri });
  const authorization = `Digest username="${account.username}", realm="${domain}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="c0ffee"`;
  client.send(register(2, [['Authorization', authorization]]));
  const done = await client.waitFor((m) => m.includes(callId) && headerOf(m, 'cseq') === '2 REGISTER');
  if (!done.startsWith('SIP/2.0 200 ')) throw new Error(`REGISTER refused: ${done.split('\r\n')[0]}`);
}
