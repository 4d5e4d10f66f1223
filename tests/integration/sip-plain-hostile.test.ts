// The plain SIP listeners (UDP, TCP) get the WebSocket's hostile-input treatment: junk is
// answered or dropped, framing abuse closes TCP, and a UDP flood from many sources does not
// stop a registered phone's call or the trunk's.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSipSwitch, type SipSwitch } from '../../server/src/switch/switch.js';
import { RecordingEvents } from '../../server/src/switch/testing/recording-events.js';
import type { SipAccount } from '../../server/src/switch/ports.js';
import { legitimateCallConnects as legitimateCallConnectsTo, switchSoftphone } from '../support/switch-softphone.js';
import { RawUdpSip, udpInvite } from '../support/raw-udp-sip.js';
import { freeUdpPort } from '../support/rtpengine.js';

const DOMAIN = 'kefu.test';
let server: http.Server;
let sw: SipSwitch;
let events: RecordingEvents;
let wsUrl: string;
let udpPort: number;
let tcpPort: number;
let trunkPort: number;
const closers: Array<() => Promise<void> | void> = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
});

beforeEach(async () => {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  events = new RecordingEvents();
  trunkPort = await freeUdpPort();
  sw = createSipSwitch({
    httpServer: server,
    path: '/sip',
    domain: DOMAIN,
    defaultRegion: 'CN',
    events,
    log: pino({ level: 'silent' }),
    plain: {
      udp: { host: '127.0.0.1', port: 0 },
      tcp: { host: '127.0.0.1', port: 0 },
      trunk: { address: { host: '127.0.0.1', port: trunkPort }, transport: 'udp' },
    },
  });
  const bound = await sw.listenPlain();
  udpPort = bound.udp!.port;
  tcpPort = bound.tcp!.port;
  wsUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sip`;
});

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  sw.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function options(callId: string, transport: 'UDP' | 'TCP', port: number, omit?: string): string {
  const lines = [
    `OPTIONS sip:${DOMAIN} SIP/2.0`,
    `Via: SIP/2.0/${transport} 127.0.0.1:${port};branch=z9hG4bK${randomBytes(6).toString('hex')}`,
    'Max-Forwards: 70',
    `To: <sip:${DOMAIN}>`,
    `From: <sip:probe@${DOMAIN}>;tag=${randomBytes(4).toString('hex')}`,
    `Call-ID: ${callId}`,
    'CSeq: 1 OPTIONS',
    'Content-Length: 0',
  ].filter((l) => !omit || !l.startsWith(omit));
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function makePhone(account: SipAccount) {
  const made = switchSoftphone(account, wsUrl, DOMAIN);
  closers.push(() => made.phone.stop().catch(() => {}));
  return made;
}

const legitimateCallConnects = () => legitimateCallConnectsTo(sw, events, makePhone);

class TcpPeer {
  readonly received: string[] = [];
  closed = false;
  private readonly socket: net.Socket;
  private readonly waiters = new Set<() => void>();
  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setEncoding('utf8');
    this.socket.on('data', (d: string) => {
      this.received.push(d);
      for (const w of [...this.waiters]) w();
    });
    this.socket.on('close', () => {
      this.closed = true;
      for (const w of [...this.waiters]) w();
    });
    this.socket.on('error', () => {});
    closers.push(() => void this.socket.destroy());
  }
  send(data: string | Buffer): void {
    this.socket.write(data);
  }
  until(test: () => boolean, ms = 5_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return false;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
        return true;
      };
      const timer = setTimeout(() => reject(new Error(`TCP peer: condition not met; got ${this.received.join('').slice(0, 300)}`)), ms);
      if (!check()) this.waiters.add(check);
    });
  }
}

describe('plain SIP listeners: hostile input', () => {
  it('UDP: drops garbage and oversized datagrams, answers malformed SIP with 400, and still serves', async () => {
    const peer = new RawUdpSip();
    const port = await peer.open();
    closers.push(() => peer.close());
    peer.send('hello there', udpPort);
    peer.send(randomBytes(2048).toString('latin1'), udpPort);
    peer.send('\u0000\u0001INVITE\r\n\r\n', udpPort);
    peer.send('A'.repeat(65_000), udpPort);
    peer.send(options('no-call-id', 'UDP', port, 'Call-ID'), udpPort);
    expect(await peer.waitFor((m) => m.startsWith('SIP/2.0 400 '))).toContain('Call-ID');
    peer.send(options('still-alive', 'UDP', port), udpPort);
    expect(await peer.waitFor((m) => m.startsWith('SIP/2.0 200 ') && m.includes('still-alive'))).toBeTruthy();
    await legitimateCallConnects();
  });

  it('TCP: answers SIP across chunks, and closes a stream without Content-Length or beyond the size limit', async () => {
    const good = new TcpPeer(tcpPort);
    const message = options('over-tcp', 'TCP', 5060);
    good.send('\r\n\r\n');
    good.send(message.slice(0, 30));
    good.send(message.slice(30));
    await good.until(() => good.received.join('').includes('SIP/2.0 200 OK'));

    const noLength = new TcpPeer(tcpPort);
    noLength.send('OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n');
    await noLength.until(() => noLength.closed);

    const huge = new TcpPeer(tcpPort);
    huge.send('A'.repeat(200 * 1024));
    await huge.until(() => huge.closed);

    const again = new TcpPeer(tcpPort);
    again.send(options('after-abuse', 'TCP', 5060));
    await again.until(() => again.received.join('').includes('after-abuse'));
  });

  it('UDP: a flood of INVITEs from hundreds of sources does not stop a registered phone\'s call or the trunk\'s', async () => {
    const flooders: dgram.Socket[] = [];
    for (let i = 0; i < 300; i++) {
      const s = dgram.createSocket('udp4');
      await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
      flooders.push(s);
      closers.push(() => void s.close());
    }
    // 300 sources x 20 INVITEs, each a new transaction the switch must not let pile up.
    for (let round = 0; round < 20; round++) {
      for (const s of flooders) {
        const port = s.address().port;
        s.send(udpInvite({ port, branch: `z9hG4bK${randomBytes(6).toString('hex')}`, callId: randomBytes(6).toString('hex'), from: '13900000000', to: 'support' }), udpPort, '127.0.0.1');
      }
    }
    await legitimateCallConnects();
    const trunk = new RawUdpSip();
    await trunk.open(trunkPort);
    closers.push(() => trunk.close());
    trunk.send(udpInvite({ port: trunkPort, branch: 'z9hG4bKtrunkafterflood', callId: 'trunk-after-flood', from: '13800138000', to: '4008001234' }), udpPort);
    await trunk.waitFor((m) => m.startsWith('SIP/2.0 100 ') && m.includes('trunk-after-flood'));
    await events.waitFor('queueCallArrived', (args) => (args[0] as { sipCallId: string }).sipCallId === 'trunk-after-flood');
    // None of the flood's INVITEs became a call: strangers were challenged or dropped.
    expect(events.named('queueCallArrived').filter((e) => (e.args[0] as { callerNumber: string }).callerNumber === '13900000000')).toEqual([]);
  });
});
