import type { SipResponse } from '../message/parse.js';

export type TransactionFailure = 'timeout' | 'closed';

export interface ClientHandlers {
  onResponse(response: SipResponse): void;
  onFailure(why: TransactionFailure): void;
}

interface Pending {
  readonly connectionId: string;
  readonly method: string;
  readonly handlers: ClientHandlers;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Requests the switch sent and is waiting to hear about, matched by Via branch and CSeq
 * method (RFC 3261 §17.1.3; a CANCEL shares its INVITE's branch). Over WebSocket nothing is
 * retransmitted, but a peer that never answers must not keep a call forever: Timer B/F run
 * until the first response (an INVITE may then ring as long as the ACD lets it).
 */
export class ClientTransactions {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly timeoutMs: number) {}

  get size(): number {
    return this.pending.size;
  }

  start(connectionId: string, branch: string, method: string, handlers: ClientHandlers): void {
    const key = `${branch}|${method}`;
    const entry: Pending = { connectionId, method, handlers, timer: undefined };
    entry.timer = setTimeout(() => this.fail(key, 'timeout'), this.timeoutMs);
    entry.timer.unref();
    this.pending.set(key, entry);
  }

  /** Routes a response; false when nothing waits for it (a stray, dropped). */
  receive(connectionId: string, response: SipResponse): boolean {
    const key = `${response.viaBranch}|${response.method}`;
    const entry = this.pending.get(key);
    // A response must come back on the connection the request went out on.
    if (!entry || entry.connectionId !== connectionId) return false;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    if ((response.statusCode ?? 0) >= 200) this.pending.delete(key);
    entry.handlers.onResponse(response);
    return true;
  }

  connectionClosed(connectionId: string): void {
    for (const [key, entry] of [...this.pending]) if (entry.connectionId === connectionId) this.fail(key, 'closed');
  }

  clear(): void {
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    this.pending.clear();
  }

  private fail(key: string, why: TransactionFailure): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.pending.delete(key);
    entry.handlers.onFailure(why);
  }
}
