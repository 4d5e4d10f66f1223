// A bare SIP-over-UDP peer for tests: sends raw text from its own port, collects what comes back.
import dgram from 'node:dgram';

export class RawUdpSip {
  readonly received: string[] = [];
  private readonly socket = dgram.createSocket('udp4');
  private readonly waiters = new Set<() => void>();

  async open(port = 0): Promise<number> {
    this.socket.on('message', (msg) => {
      this.received.push(msg.toString('utf8'));
      for (const w of [...this.waiters]) w();
    });
    await new Promise<void>((resolve) => this.socket.bind(port, '127.0.0.1', resolve));
    return this.socket.address().port;
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(raw: string, port: number): void {
    this.socket.send(raw, port, '127.0.0.1');
  }

  /** The first message (after `from`) that matches, within `ms`. */
  waitFor(match: (m: string) => boolean, ms = 5_000, from = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.received.slice(from).find(match);
        if (found === undefined) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching SIP message within ${ms} ms; got:\n${this.received.map((m) => m.split('\r\n')[0]).join('\n')}`));
      }, ms);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      if (!check()) this.waiters.add(check);
    });
  }

  close(): void {
    this.socket.close();
  }
}

export function udpInvite(opts: { port: number; branch: string; callId: string; from: string; to: string; cseq?: number }): string {
  const sdp = 'v=0\r\no=x 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n';
  return [
    `INVITE sip:${opts.to}@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${opts.port};branch=${opts.branch}`,
    'Max-Forwards: 70',
    `From: <sip:${opts.from}@carrier.test>;tag=f${opts.branch}`,
    `To: <sip:${opts.to}@127.0.0.1>`,
    `Call-ID: ${opts.callId}`,
    `CSeq: ${opts.cseq ?? 1} INVITE`,
    `Contact: <sip:${opts.from}@127.0.0.1:${opts.port}>`,
    'Content-Type: application/sdp',
    `Content-Length: ${Buffer.byteLength(sdp)}`,
    '',
    sdp,
  ].join('\r\n');
}
