// RFC 3261 §17 reliability over UDP, under the switch: what a WebSocket or TCP gives for free.
import { frameMessage } from '../message/frame.js';

export interface UdpTimers {
  /** T1: the round-trip estimate, first retransmission interval (500 ms). */
  readonly t1Ms: number;
  /** T2: the longest interval between retransmissions of non-INVITE requests and final responses (4 s). */
  readonly t2Ms: number;
}

export const RFC3261_TIMERS: UdpTimers = { t1Ms: 500, t2Ms: 4_000 };

/** What the transaction layer needs to know of a message; read from the header fields only. */
export interface TransactionKeys {
  readonly isRequest: boolean;
  readonly method: string;
  readonly status: number;
  readonly branch: string;
  readonly callId: string;
  readonly cseq: number;
}

const BRANCH = /;\s*branch\s*=\s*([^;,\s]+)/i;

export function transactionKeys(raw: string): TransactionKeys | undefined {
  const framed = frameMessage(raw);
  if (!framed) return undefined;
  const value = (name: string): string | undefined => {
    const i = framed.names.indexOf(name);
    return i < 0 ? undefined : framed.values[i];
  };
  const cseqParts = (value('cseq') ?? '').split(/\s+/);
  const cseq = Number(cseqParts[0]);
  const cseqMethod = cseqParts[1]?.toUpperCase();
  const branch = BRANCH.exec(value('via') ?? '')?.[1];
  const callId = value('call-id');
  if (!cseqMethod || !Number.isInteger(cseq) || !branch || !callId) return undefined;
  const isRequest = !framed.startLine.startsWith('SIP/2.0 ');
  const status = isRequest ? 0 : Number(framed.startLine.slice(8, 11));
  return { isRequest, method: cseqMethod, status, branch, callId, cseq };
}

interface Retransmission {
  timer: ReturnType<typeof setTimeout>;
  readonly stop: ReturnType<typeof setTimeout>;
}

interface ServerEntry {
  /** The last response we sent on this transaction; resent when the request comes again. */
  response: string | undefined;
  expiry: ReturnType<typeof setTimeout>;
}

/** Bounds the memory a flood of distinct requests can take. */
const MAX_SERVER_TRANSACTIONS = 50_000;

/**
 * Per UDP listener: retransmits our requests until a response (Timer A/E, giving up at
 * Timer B/F), retransmits our final responses to INVITE until the ACK (Timer G/H), answers a
 * retransmitted request with our last response instead of handing it up again, and resends
 * our ACK when a 2xx comes again. Keys carry the peer's address, so one peer cannot stop
 * another's retransmissions.
 */
export class UdpTransactions {
  private readonly requests = new Map<string, Retransmission>();
  private readonly responses = new Map<string, Retransmission>();
  private readonly server = new Map<string, ServerEntry>();
  private readonly acks = new Map<string, { raw: string; expiry: ReturnType<typeof setTimeout> }>();

  constructor(private readonly timers: UdpTimers = RFC3261_TIMERS) {}

  /** Call for every message sent to `peer`; `resend` sends it again. */
  sent(peer: string, raw: string, resend: () => void): void {
    const k = transactionKeys(raw);
    if (!k) return;
    const { t1Ms, t2Ms } = this.timers;
    if (k.isRequest) {
      if (k.method === 'ACK') {
        // A 2xx that comes again gets this ACK again (§13.2.2.4).
        const key = `${peer}|${k.callId}|${k.cseq}`;
        const old = this.acks.get(key);
        if (old) clearTimeout(old.expiry);
        const expiry = setTimeout(() => this.acks.delete(key), 64 * t1Ms);
        expiry.unref();
        this.acks.set(key, { raw, expiry });
        return;
      }
      // Timer A doubles without bound for INVITE; Timer E is capped at T2. Both end at 64*T1.
      this.retransmit(this.requests, `${peer}|${k.branch}|${k.method}`, resend, k.method === 'INVITE' ? Infinity : t2Ms);
      return;
    }
    const serverKey = `${peer}|${k.branch}|${k.method}`;
    const entry = this.server.get(serverKey);
    if (entry) {
      entry.response = raw;
      if (k.status >= 200) this.expireLater(serverKey, entry);
    }
    // Timer G: a final response to INVITE is repeated until the ACK (Timer H: 64*T1).
    if (k.method === 'INVITE' && k.status >= 200) this.retransmit(this.responses, `${peer}|${k.callId}|${k.cseq}`, resend, t2Ms);
  }

  /** Call for every message from `peer`; false: a retransmission, already dealt with here. */
  received(peer: string, raw: string, reply: (raw: string) => void): boolean {
    const k = transactionKeys(raw);
    if (!k) return true; // the switch's parser answers or drops it
    if (!k.isRequest) {
      this.cancel(this.requests, `${peer}|${k.branch}|${k.method}`);
      if (k.method === 'INVITE' && k.status >= 200 && k.status < 300) {
        const ack = this.acks.get(`${peer}|${k.callId}|${k.cseq}`);
        if (ack) {
          reply(ack.raw);
          return false;
        }
      }
      return true;
    }
    if (k.method === 'ACK') {
      this.cancel(this.responses, `${peer}|${k.callId}|${k.cseq}`);
      return true;
    }
    const key = `${peer}|${k.branch}|${k.method}`;
    const entry = this.server.get(key);
    if (entry) {
      if (entry.response) reply(entry.response);
      return false;
    }
    if (this.server.size >= MAX_SERVER_TRANSACTIONS) {
      const oldest = this.server.keys().next().value;
      if (oldest !== undefined) this.forgetServer(oldest);
    }
    const created: ServerEntry = { response: undefined, expiry: undefined as unknown as ReturnType<typeof setTimeout> };
    this.server.set(key, created);
    // Until answered, a request is remembered as long as a client would retransmit it.
    this.expireLater(key, created);
    return true;
  }

  get size(): number {
    return this.requests.size + this.responses.size + this.server.size;
  }

  close(): void {
    for (const map of [this.requests, this.responses]) {
      for (const r of map.values()) {
        clearTimeout(r.timer);
        clearTimeout(r.stop);
      }
      map.clear();
    }
    for (const e of this.server.values()) clearTimeout(e.expiry);
    this.server.clear();
    for (const a of this.acks.values()) clearTimeout(a.expiry);
    this.acks.clear();
  }

  private expireLater(key: string, entry: ServerEntry): void {
    clearTimeout(entry.expiry);
    entry.expiry = setTimeout(() => this.server.delete(key), 64 * this.timers.t1Ms);
    entry.expiry.unref();
  }

  private forgetServer(key: string): void {
    const entry = this.server.get(key);
    if (entry) clearTimeout(entry.expiry);
    this.server.delete(key);
  }

  private retransmit(map: Map<string, Retransmission>, key: string, resend: () => void, capMs: number): void {
    this.cancel(map, key);
    let interval = this.timers.t1Ms;
    const tick = (): void => {
      resend();
      interval = Math.min(interval * 2, capMs);
      entry.timer = setTimeout(tick, interval);
      entry.timer.unref();
    };
    const entry: Retransmission = {
      timer: setTimeout(tick, interval),
      stop: setTimeout(() => this.cancel(map, key), 64 * this.timers.t1Ms),
    };
    entry.timer.unref();
    entry.stop.unref();
    map.set(key, entry);
  }

  private cancel(map: Map<string, Retransmission>, key: string): void {
    const entry = map.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    clearTimeout(entry.stop);
    map.delete(key);
  }
}
