import { WebSocket } from 'ws';

export interface RawSipClientOptions {
  /** WebSocket subprotocol; '' offers none. */
  readonly protocol?: string;
  /** Origin header, as a browser page would send it; none by default (a SIP phone). */
  readonly origin?: string;
  /** Local address to connect from (any of 127.0.0.0/8 on loopback), to act as another host. */
  readonly localAddress?: string;
}

/**
 * A bare SIP-over-WebSocket client for tests: sends raw text, collects what comes back, and
 * waits (bounded) for a message or for the socket to close. It interprets nothing, so a test
 * sees exactly what the switch sent.
 */
export class RawSipClient {
  readonly received: string[] = [];
  closeCode: number | undefined;
  private readonly ws: WebSocket;
  private readonly waiters = new Set<() => void>();

  constructor(url: string, options: RawSipClientOptions = {}) {
    const protocol = options.protocol ?? 'sip';
    const wsOptions = { ...(options.origin ? { origin: options.origin } : {}), ...(options.localAddress ? { localAddress: options.localAddress } : {}) };
    this.ws = protocol ? new WebSocket(url, protocol, wsOptions) : new WebSocket(url, wsOptions);
    this.ws.on('message', (data) => {
      this.received.push(String(data));
      for (const w of [...this.waiters]) w();
    });
    this.ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of [...this.waiters]) w();
    });
    this.ws.on('error', () => {});
  }

  /** Resolves once connected; rejects with `HTTP <status>` when the upgrade is refused. */
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
  }

  send(data: string | Buffer): void {
    this.ws.send(data);
  }

  close(): void {
    this.ws.close();
  }

  terminate(): void {
    this.ws.terminate();
  }

  /** The first message so far or to come that `accept` takes. */
  waitFor(accept: (message: string) => boolean, timeoutMs = 3_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const hit = this.received.find(accept);
        if (!hit) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`No matching SIP message; got:\n${this.received.map((m) => m.split('\r\n')[0]).join('\n')}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  waitClosed(timeoutMs = 3_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.closeCode === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.closeCode);
      };
      const timer = setTimeout(() => reject(new Error('not closed')), timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
