import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeHa1, computeResponse, parseDigestCredentials, type DigestAlgorithm } from '../../server/src/switch/auth/digest.js';
import { createSipSwitch, type SipSwitch } from '../../server/src/switch/switch.js';
import { RawSipClient } from '../../server/src/switch/testing/raw-sip-client.js';
import { originPolicyFor, type OriginPolicy } from '../../server/src/platform/http/origin-policy.js';
import { RecordingEvents } from '../../server/src/switch/testing/recording-events.js';
import type { SipAccount } from '../../server/src/switch/ports.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import type { FakeMediaEngine } from '../../softphone/src/testing/fake-media.js';
import { legitimateCallConnects as legitimateCallConnectsTo, switchSoftphone } from '../support/switch-softphone.js';

const DOMAIN = 'kefu.test';
const SDP = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 127.0.0.1', 'a=sendrecv', ''].join('\r\n');

let server: http.Server;
let sw: SipSwitch;
let events: RecordingEvents;
let url: string;
const closers: Array<() => Promise<void> | void> = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
});

function makeSwitch(origins?: OriginPolicy): SipSwitch {
  return createSipSwitch({ httpServer: server, path: '/sip', domain: DOMAIN, defaultRegion: 'CN', events, log: pino({ level: 'silent' }), ...(origins ? { origins } : {}) });
}

beforeEach(async () => {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  events = new RecordingEvents();
  sw = makeSwitch();
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sip`;
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  sw.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The shared raw client, closed after each test. */
class RawSip extends RawSipClient {
  constructor(target = url, protocol = 'sip', origin?: string) {
    super(target, { protocol, ...(origin ? { origin } : {}) });
    closers.push(() => this.terminate());
  }
}

function request(method: string, opts: { user?: string; callId?: string; cseq?: string; extra?: string[]; body?: string; ruri?: string; omit?: string } = {}): string {
  const user = opts.user ?? '2001';
  const body = opts.body ?? '';
  const lines = [
    `${method} ${opts.ruri ?? `sip:${method === 'REGISTER' ? '' : 'support@'}${DOMAIN}`} SIP/2.0`,
    `Via: SIP/2.0/WS raw.invalid;branch=z9hG4bK${randomBytes(6).toString('hex')}`,
    'Max-Forwards: 70',
    `To: <sip:${method === 'REGISTER' ? user : 'support'}@${DOMAIN}>`,
    `From: <sip:${user}@${DOMAIN}>;tag=${randomBytes(4).toString('hex')}`,
    `Call-ID: ${opts.callId ?? randomBytes(8).toString('hex')}`,
    `CSeq: ${opts.cseq ?? `1 ${method}`}`,
    `Contact: <sip:raw@raw.invalid;transport=ws>`,
    ...(opts.extra ?? []),
    ...(body ? ['Content-Type: application/sdp'] : []),
    `Content-Length: ${Buffer.byteLength(body)}`,
  ].filter((line) => !opts.omit || !line.startsWith(opts.omit));
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

const status = (code: number) => (m: string) => m.startsWith(`SIP/2.0 ${code} `);

/** REGISTERs over a raw socket, answering the 401 with the chosen digest algorithm. */
async function rawRegister(raw: RawSip, account: SipAccount, algorithm: DigestAlgorithm): Promise<string> {
  const callId = randomBytes(8).toString('hex');
  raw.send(request('REGISTER', { user: account.username, callId }));
  const challenge = await raw.waitFor((m) => status(401)(m) && m.includes(callId));
  const header = challenge.split('\r\n').find((l) => l.startsWith('WWW-Authenticate:') && l.includes(`algorithm=${algorithm}`));
  const nonce = parseDigestCredentials(header!.slice('WWW-Authenticate:'.length))!.get('nonce')!;
  const uri = `sip:${DOMAIN}`;
  const response = computeResponse({
    algorithm,
    ha1: computeHa1(algorithm, account.username, DOMAIN, account.password),
    nonce,
    nc: '00000001',
    cnonce: 'abc123',
    qop: 'auth',
    method: 'REGISTER',
    uri,
  });
  const auth = `Authorization: Digest username="${account.username}", realm="${DOMAIN}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=${algorithm}, qop=auth, nc=00000001, cnonce="abc123"`;
  raw.send(request('REGISTER', { user: account.username, callId, cseq: '2 REGISTER', extra: [auth] }));
  return await raw.waitFor((m) => m.includes(callId) && !status(401)(m));
}

function makePhone(account: SipAccount): { phone: Softphone; media: FakeMediaEngine } {
  const made = switchSoftphone(account, url, DOMAIN);
  closers.push(() => made.phone.stop().catch(() => {}));
  return made;
}

const legitimateCallConnects = () => legitimateCallConnectsTo(sw, events, makePhone);

describe('SIP switch: hostile input', () => {
  it('refuses WebSockets without the sip subprotocol and leaves other paths alone', async () => {
    await expect(new RawSip(url, 'chat').open()).rejects.toThrow(/400/);
    await expect(new RawSip(url, '').open()).rejects.toThrow(/400/);
    // Another upgrade handler on the same server (as Socket.IO is) still gets its path.
    const other = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if (req.url === '/other') other.handleUpgrade(req, socket, head, (ws) => ws.send('hi'));
    });
    closers.push(() => other.close());
    const ws = new WebSocket(url.replace('/sip', '/other'));
    closers.push(() => ws.terminate());
    expect(String(await new Promise((resolve) => ws.once('message', resolve)))).toBe('hi');
  });

  it('challenges REGISTER with SHA-256 first and MD5 second; both register; closing the socket unregisters', async () => {
    const raw = new RawSip();
    await raw.open();
    raw.send(request('REGISTER'));
    const challenge = await raw.waitFor(status(401));
    const offered = challenge.split('\r\n').filter((l) => l.startsWith('WWW-Authenticate:'));
    expect(offered).toHaveLength(2);
    expect(offered[0]).toContain('algorithm=SHA-256');
    expect(offered[1]).toContain('algorithm=MD5');

    const account = sw.accounts.issue({ username: '2001', userId: 21, displayName: 'Raw' });
    expect(await rawRegister(raw, account, 'SHA-256')).toMatch(/^SIP\/2.0 200 /);
    await events.waitFor('agentReachabilityChanged', (a) => a[0] === 21 && a[1] === true);

    const md5 = new RawSip();
    await md5.open();
    const other = sw.accounts.issue({ username: '2002', userId: 22, displayName: 'Raw MD5' });
    expect(await rawRegister(md5, other, 'MD5')).toMatch(/^SIP\/2.0 200 /);

    raw.close();
    await events.waitFor('agentReachabilityChanged', (a) => a[0] === 21 && a[1] === false);
    expect(sw.control.isReachable(21)).toBe(false);
    expect(sw.control.isReachable(22)).toBe(true);
  });

  it('answers malformed SIP with 400 or drops it, survives garbage and oversized frames', async () => {
    const raw = new RawSip();
    await raw.open();
    raw.send('hello there');
    raw.send(randomBytes(2048));
    raw.send('\u0000\u0001INVITE\r\n\r\n');
    raw.send(request('OPTIONS', { omit: 'Call-ID' }));
    expect(await raw.waitFor(status(400))).toContain('Call-ID');
    raw.send(request('OPTIONS', { cseq: 'abc OPTIONS' }));
    raw.send(request('OPTIONS', { cseq: '1 INVITE' }));
    raw.send(request('BYE', { extra: ['Max-Forwards: 0'] }).replace('Max-Forwards: 70\r\n', ''));
    raw.send(request('OPTIONS', { callId: 'still-alive' }));
    expect(await raw.waitFor((m) => status(200)(m) && m.includes('still-alive'))).toBeTruthy();
    expect(raw.received.some((m) => m.startsWith('SIP/2.0 483 '))).toBe(true);

    const big = new RawSip();
    await big.open();
    big.send('A'.repeat(1024 * 1024));
    expect(await big.waitClosed()).toBe(1009);

    const again = new RawSip();
    await again.open();
    again.send(request('OPTIONS', { callId: 'after-big' }));
    await again.waitFor((m) => status(200)(m) && m.includes('after-big'));
    await legitimateCallConnects();
  });

  it('closes a connection that sends nothing but junk', async () => {
    const raw = new RawSip();
    await raw.open();
    for (let i = 0; i < 30; i++) raw.send(`junk ${i}\r\n\r\n`);
    expect(await raw.waitClosed()).toBe(1008);
  });

  it('challenges an INVITE from a connection that never registered with 407', async () => {
    const raw = new RawSip();
    await raw.open();
    raw.send(request('INVITE', { body: SDP }));
    const challenge = await raw.waitFor(status(407));
    expect(challenge).toContain('Proxy-Authenticate: Digest');
    expect(events.named('queueCallArrived')).toEqual([]);
  });

  it('bounds an INVITE flood from one connection; a legitimate call still connects', async () => {
    const raw = new RawSip();
    await raw.open();
    const account = sw.accounts.issue({ username: '2001', userId: null, displayName: 'Flood' });
    await rawRegister(raw, account, 'SHA-256');
    for (let i = 0; i < 500; i++) raw.send(request('INVITE', { user: '2001', body: SDP }));
    await raw.waitFor(status(503));
    expect(sw.stats().calls).toBeLessThanOrEqual(4);
    // The switch handles one connection's messages in order, so once it has answered our close
    // it has dealt with the whole flood: what it let through is all there is to count.
    raw.close();
    await raw.waitClosed();
    // Per-connection call cap (4) and the rate limit bound what the flood reached.
    expect(events.named('queueCallArrived').length).toBeLessThanOrEqual(4);
    expect(raw.received.length).toBeLessThan(200);
    await events.waitFor('callerLeft', () => events.named('callerLeft').length === events.named('queueCallArrived').length);
    expect(sw.stats().calls).toBe(0);
    await legitimateCallConnects();
  });

  it('refuses web pages of other sites (403), and takes its own pages and phones that send no Origin', async () => {
    const own = `http://127.0.0.1:${new URL(url).port}`;
    await expect(new RawSip(url, 'sip', 'https://evil.example').open()).rejects.toThrow(/403/);
    await expect(new RawSip(url, 'sip', `http://127.0.0.1:${Number(new URL(url).port) + 1}`).open()).rejects.toThrow(/403/);
    await expect(new RawSip(url, 'sip', 'null').open()).rejects.toThrow(/403/);
    await new RawSip(url, 'sip', own).open();
    const phone = new RawSip();
    await phone.open();
    phone.send(request('OPTIONS', { callId: 'no-origin' }));
    await phone.waitFor((m) => status(200)(m) && m.includes('no-origin'));
  });

  it('takes exactly the configured origins when a list is given, and the public URL\'s by default', async () => {
    sw.close();
    sw = makeSwitch(originPolicyFor(['https://kefu.example.com'], null));
    await new RawSip(url, 'sip', 'https://kefu.example.com').open();
    await expect(new RawSip(url, 'sip', `http://127.0.0.1:${new URL(url).port}`).open()).rejects.toThrow(/403/);
    await new RawSip().open();

    sw.close();
    sw = makeSwitch(originPolicyFor(null, 'https://phone.example.com/console/'));
    await new RawSip(url, 'sip', 'https://phone.example.com').open();
    await new RawSip(url, 'sip', `http://127.0.0.1:${new URL(url).port}`).open();
    await expect(new RawSip(url, 'sip', 'https://kefu.example.com').open()).rejects.toThrow(/403/);
  });

  it('matches a CANCEL to its INVITE by branch when the CANCEL rewrote the Via', async () => {
    const raw = new RawSip();
    await raw.open();
    const account = sw.accounts.issue({ username: '2001', userId: null, displayName: 'Raw' });
    await rawRegister(raw, account, 'SHA-256');
    const invite = request('INVITE', { user: '2001', callId: 'to-cancel', body: SDP });
    const via = invite.split('\r\n').find((l) => l.startsWith('Via: '))!;
    raw.send(invite);
    await events.waitFor('queueCallArrived', (args) => (args[0] as { sipCallId: string }).sipCallId === 'to-cancel');
    // Same branch, written differently: upper-case transport and an rport parameter.
    const cancel = request('CANCEL', { user: '2001', callId: 'to-cancel', cseq: '1 CANCEL' })
      .replace(/^Via: .*$/m, `${via.replace('SIP/2.0/WS ', 'SIP/2.0/ws ')};rport`);
    raw.send(cancel);
    await raw.waitFor((m) => status(200)(m) && m.includes('CSeq: 1 CANCEL'));
    await raw.waitFor((m) => status(487)(m) && m.includes('to-cancel'));
    await events.waitFor('callerLeft');
    expect(sw.stats().calls).toBe(0);
  });
});
