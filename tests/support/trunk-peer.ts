// A carrier for tests: SIP over UDP from the trunk's port, and a real RTP socket that counts
// what the media relay sends it (prompts, music, the agent's voice) and can send G.711 back.
import dgram from 'node:dgram';
import type { SessionDescriptionHandlerFactory } from 'sip.js';
import { FakeMediaEngine, type FakeSessionDescriptionHandler } from '../../softphone/src/testing/fake-media.js';
import { RawUdpSip } from './raw-udp-sip.js';

export interface SipMessage {
  readonly raw: string;
  readonly firstLine: string;
  header(name: string): string | undefined;
  readonly body: string;
}

export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).split('\r\n');
  const body = raw.slice(split + 4);
  return {
    raw,
    firstLine: head[0] ?? '',
    body,
    header(name) {
      const lower = name.toLowerCase();
      const line = head.slice(1).find((l) => l.slice(0, l.indexOf(':')).trim().toLowerCase() === lower);
      return line?.slice(line.indexOf(':') + 1).trim();
    },
  };
}

/** The m=audio line of an SDP: port, protocol, payload types, and its direction attribute. */
export function audioOf(sdp: string): { port: number; proto: string; payloads: string[]; direction: string } {
  const line = sdp.split(/\r?\n/).find((l) => l.startsWith('m=audio ')) ?? '';
  const [, port, proto, ...payloads] = line.trim().split(' ');
  const direction = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(sdp)?.[1] ?? 'sendrecv';
  return { port: Number(port), proto: proto ?? '', payloads, direction };
}

/**
 * The softphone's fake media with an offer shaped like Chromium's: Opus first, then G.711 and
 * telephone-event, over UDP/TLS/RTP/SAVPF (what the relay must narrow for a carrier).
 */
export class ChromeLikeMedia extends FakeMediaEngine {
  constructor() {
    super();
    // The fake engine's own factory records each handler; ours reshapes their offers.
    const fake = this.sessionDescriptionHandlerFactory;
    const chromeLike: SessionDescriptionHandlerFactory = (session, options) => {
      const handler = fake(session, options) as FakeSessionDescriptionHandler;
      const describe = handler.getDescription.bind(handler);
      handler.getDescription = async (o) => {
        const d = await describe(o);
        const body = d.body
          .replace(/^m=audio 9 UDP\/TLS\/RTP\/SAVPF 111 126$/m, 'm=audio 9 UDP/TLS/RTP/SAVPF 111 0 8 126')
          .replace('a=rtpmap:126', 'a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:126');
        return { ...d, body };
      };
      return handler;
    };
    (this as { sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory }).sessionDescriptionHandlerFactory = chromeLike;
  }
}

export class TrunkPeer {
  readonly sip = new RawUdpSip();
  private readonly rtp = dgram.createSocket('udp4');
  /** RTP packets received so far (RTCP, on the next port, is not counted). */
  rtpPackets = 0;
  private readonly rtpWaiters = new Set<() => void>();
  private cseq = 1;
  private callId = '';
  private fromTag = '';
  private toHeader = '';
  private remoteTarget = '';
  private seq = 0;

  constructor(
    readonly sipPort: number,
    private readonly kefuPort: number,
  ) {}

  async open(): Promise<void> {
    await this.sip.open(this.sipPort);
    this.rtp.on('message', (msg) => {
      if (msg.length < 12 || msg[0]! >> 6 !== 2) return;
      this.rtpPackets += 1;
      for (const w of [...this.rtpWaiters]) w();
    });
    await new Promise<void>((resolve) => this.rtp.bind(0, '127.0.0.1', resolve));
  }

  get rtpPort(): number {
    return this.rtp.address().port;
  }

  /** Resolves once `count` more RTP packets have arrived (rejects after `ms`). */
  morePackets(count: number, ms = 10_000): Promise<void> {
    const target = this.rtpPackets + count;
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.rtpPackets < target) return;
        clearTimeout(timer);
        this.rtpWaiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.rtpWaiters.delete(check);
        reject(new Error(`only ${this.rtpPackets - (target - count)} of ${count} RTP packets within ${ms} ms`));
      }, ms);
      this.rtpWaiters.add(check);
    });
  }

  /** Sends `count` G.711 A-law packets (20 ms each, every byte `level`) to the relay's port. */
  sendAudio(toPort: number, count: number, level = 0xd5): void {
    for (let i = 0; i < count; i++) {
      const packet = Buffer.alloc(12 + 160, level);
      packet[0] = 0x80;
      packet[1] = 8;
      packet.writeUInt16BE(this.seq++ & 0xffff, 2);
      packet.writeUInt32BE(this.seq * 160, 4);
      packet.writeUInt32BE(0x1234abcd, 8);
      this.rtp.send(packet, toPort, '127.0.0.1');
    }
  }

  sdp(direction = 'sendrecv'): string {
    return [
      'v=0',
      `o=carrier 1 ${this.cseq} IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${this.rtpPort} RTP/AVP 8 0 101`,
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-15',
      `a=${direction}`,
      '',
    ].join('\r\n');
  }

  /** A call from the carrier to `to`, with our RTP socket in the offer. */
  invite(to: string, from: string): void {
    this.callId = `trunk-${Math.random().toString(36).slice(2)}`;
    this.fromTag = `f${Math.random().toString(36).slice(2, 10)}`;
    this.send(this.request('INVITE', `sip:${to}@127.0.0.1:${this.kefuPort}`, `<sip:${to}@127.0.0.1>`, from, this.sdp()));
  }

  /** Waits for a response to our INVITE with `status`, and keeps the dialog's To and target. */
  async response(status: number, method = 'INVITE', from = 0): Promise<SipMessage> {
    const raw = await this.sip.waitFor((m) => m.startsWith(`SIP/2.0 ${status} `) && new RegExp(`^CSeq:\\s*\\d+ ${method}`, 'mi').test(m), 10_000, from);
    const message = parseSip(raw);
    if (status >= 200 && status < 300 && method === 'INVITE') {
      this.toHeader = message.header('to') ?? this.toHeader;
      this.remoteTarget = /<([^>]+)>/.exec(message.header('contact') ?? '')?.[1] ?? this.remoteTarget;
    }
    return message;
  }

  ack(cseq: number): void {
    this.send(this.request('ACK', this.remoteTarget, this.toHeader, undefined, undefined, cseq));
  }

  /** An in-dialog request from the carrier (re-INVITE, BYE). */
  inDialog(method: string, body?: string): void {
    this.cseq += 1;
    this.send(this.request(method, this.remoteTarget, this.toHeader, undefined, body));
  }

  get lastCseq(): number {
    return this.cseq;
  }

  /** The next request of `method` kefu sends us (after index `from` of what arrived). */
  async request_(method: string, from = 0): Promise<SipMessage> {
    return parseSip(await this.sip.waitFor((m) => m.startsWith(`${method} `), 10_000, from));
  }

  /** Answers a request kefu sent us (200, with an SDP body when given). */
  answer(request: SipMessage, status = 200, body?: string): void {
    const lines = [
      `SIP/2.0 ${status} ${status === 200 ? 'OK' : 'Failed'}`,
      ...request.raw
        .split('\r\n')
        .filter((l) => /^(via|from|to|call-id|cseq):/i.test(l))
        .map((l) => (/^to:/i.test(l) && !/;tag=/.test(l) ? `${l};tag=carrier` : l)),
      `Contact: <sip:carrier@127.0.0.1:${this.sipPort}>`,
    ];
    if (body) lines.push('Content-Type: application/sdp');
    lines.push(`Content-Length: ${body ? Buffer.byteLength(body) : 0}`, '', body ?? '');
    this.sip.send(lines.join('\r\n'), this.kefuPort);
  }

  private closed = false;

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sip.close();
    this.rtp.close();
  }

  private request(method: string, ruri: string, to: string, fromUser: string | undefined, body?: string, cseq = this.cseq): string {
    const from = fromUser ? `<sip:${fromUser}@carrier.test>;tag=${this.fromTag}` : (this.fromLine ??= '');
    if (fromUser) this.fromLine = from;
    const lines = [
      `${method} ${ruri} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.sipPort};branch=z9hG4bK${Math.random().toString(36).slice(2)};rport`,
      'Max-Forwards: 70',
      `From: ${from}`,
      `To: ${to}`,
      `Call-ID: ${this.callId}`,
      `CSeq: ${cseq} ${method}`,
      `Contact: <sip:carrier@127.0.0.1:${this.sipPort}>`,
    ];
    if (body) lines.push('Content-Type: application/sdp');
    lines.push(`Content-Length: ${body ? Buffer.byteLength(body) : 0}`, '', body ?? '');
    return lines.join('\r\n');
  }

  private fromLine: string | undefined;

  private send(raw: string): void {
    this.sip.send(raw, this.kefuPort);
  }
}
