import { viaValue, type ViaTransport } from '../message/build.js';
import type { SipResponse } from '../message/parse.js';

export type TransactionFailure = 'timeout' | 'closed';

export interface ClientHandlers {
  onResponse(response: SipResponse): void;
  onFailure(why: TransactionFailure): void;
}

/** Where a request went: the connection, and our Via host on it. */
export interface TransactionTarget {
  readonly id: string;
  readonly viaHost: string;
  readonly viaTransport?: ViaTransport | undefined;
}

interface Pending {
  readonly key: string;
  readonly connectionId: string;
  readonly via: string;
  readonly handlers: ClientHandlers;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Requests the switch sent and is waiting to hear about, matched by Via branch and CSeq
 * method (RFC 3261 §17.1.3; a CANCEL shares its INVITE's branch). Over WebSocket nothing is
 * retransmitted, but a peer that never answers must not keep a call forever: Timer B/F run
 * until the first response (an INVITE may then ring as long as the ACD lets it).
 *
 * A response's top Via is the one we sent, almost always byte for byte: when it is, the branch
 * is known without running the grammar; a Via the peer rewrote is parsed for its branch.
 */
export class ClientTransactions {
  private readonly pending = new Map<string, Pending>();
  /** Our Via value → branch, for the transactions still waiting. */
  private readonly branchOfVia = new Map<string, string>();

  constructor(private readonly timeoutMs: number) {}

  get size(): number {
    return this.pending.size;
  }

  start(target: TransactionTarget, branch: string, method: string, handlers: ClientHandlers): void {
    const key = `${branch}|${method}`;
    const via = viaValue(target.viaHost, branch, target.viaTransport);
    const entry: Pending = { key, connectionId: target.id, via, handlers, timer: undefined };
    entry.timer = setTimeout(() => this.fail(key, 'timeout'), this.timeoutMs);
    entry.timer.unref();
    this.pending.set(key, entry);
    this.branchOfVia.set(via, branch);
  }

  /** Routes a response; false when nothing waits for it (a stray, dropped). */
  receive(connectionId: string, response: SipResponse): boolean {
    const via = response.topVia;
    const branch = (via !== undefined ? this.branchOfVia.get(via) : undefined) ?? response.viaBranch;
    if (branch === undefined) return false;
    const key = `${branch}|${response.method}`;
    const entry = this.pending.get(key);
    // A response must come back on the connection the request went out on.
    if (!entry || entry.connectionId !== connectionId) return false;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    if (response.statusCode >= 200) this.remove(entry);
    entry.handlers.onResponse(response);
    return true;
  }

  connectionClosed(connectionId: string): void {
    for (const [key, entry] of [...this.pending]) if (entry.connectionId === connectionId) this.fail(key, 'closed');
  }

  clear(): void {
    for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
    this.pending.clear();
    this.branchOfVia.clear();
  }

  private fail(key: string, why: TransactionFailure): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.remove(entry);
    entry.handlers.onFailure(why);
  }

  private remove(entry: Pending): void {
    this.pending.delete(entry.key);
    // An INVITE and its CANCEL share a branch, so the Via: keep it while either still waits.
    const branch = this.branchOfVia.get(entry.via);
    if (branch === undefined) return;
    for (const method of SHARING_A_BRANCH) if (this.pending.has(`${branch}|${method}`)) return;
    this.branchOfVia.delete(entry.via);
  }
}

const SHARING_A_BRANCH = ['INVITE', 'CANCEL'] as const;
