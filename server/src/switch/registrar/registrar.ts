import { ExpiryBuckets } from './expiry-buckets.js';

/** One registered contact: where to send requests for an address of record. */
export interface Binding {
  /** User part of the address of record: the account username (extension or E.164). */
  readonly aor: string;
  readonly userId: number | null;
  readonly displayName: string;
  /** Contact URI as registered (a `.invalid` host for browsers: routed by `connectionId`). */
  readonly contact: string;
  readonly connectionId: string;
  readonly expiresAt: number;
  readonly callId: string;
}

export interface RegistrarOptions {
  readonly now?: () => number;
  readonly minExpiresSeconds?: number;
  readonly maxExpiresSeconds?: number;
  readonly maxBindingsPerAor?: number;
  /** An agent's first binding appeared or its last one went. */
  readonly reachabilityChanged?: (userId: number, reachable: boolean) => void;
}

export type BindResult = { ok: true; expires: number } | { ok: false; status: 403 | 423; reason: string; minExpires?: number };

/**
 * Bindings per address of record, each tied to the WebSocket it came on: over WebSocket the
 * Contact is unreachable except through that socket (RFC 7118 §5), so a binding dies with it.
 *
 * Indexed by AOR, by user and by connection, with expiry in time buckets, so every operation
 * costs what the bindings it touches cost, not what all of them do: a thousand phones must
 * not make each call set-up walk a thousand bindings.
 */
export class Registrar {
  private readonly byAor = new Map<string, Binding[]>();
  private readonly byUser = new Map<number, Set<Binding>>();
  private readonly byConnection = new Map<string, Set<Binding>>();
  private readonly expiry = new ExpiryBuckets<Binding>();
  private readonly now: () => number;
  private readonly minExpires: number;
  private readonly maxExpires: number;
  private readonly maxPerAor: number;
  private readonly reachabilityChanged: (userId: number, reachable: boolean) => void;

  constructor(options: RegistrarOptions = {}) {
    this.now = options.now ?? Date.now;
    this.minExpires = options.minExpiresSeconds ?? 30;
    this.maxExpires = options.maxExpiresSeconds ?? 3600;
    this.maxPerAor = options.maxBindingsPerAor ?? 10;
    this.reachabilityChanged = options.reachabilityChanged ?? (() => {});
  }

  /** Adds or refreshes a binding (same contact), or removes it when `expires` is 0. */
  bind(entry: Omit<Binding, 'expiresAt'>, expiresSeconds: number): BindResult {
    const existing = (this.byAor.get(entry.aor) ?? []).find((b) => b.contact === entry.contact);
    if (expiresSeconds === 0) {
      if (existing) this.removeAll([existing]);
      return { ok: true, expires: 0 };
    }
    if (expiresSeconds < this.minExpires) {
      return { ok: false, status: 423, reason: 'Interval Too Brief', minExpires: this.minExpires };
    }
    const expires = Math.min(expiresSeconds, this.maxExpires);
    const others = (this.byAor.get(entry.aor)?.length ?? 0) - (existing ? 1 : 0);
    if (others >= this.maxPerAor) return { ok: false, status: 403, reason: 'Too many registrations' };
    const wasReachable = entry.userId !== null && this.hasUser(entry.userId);
    if (existing) this.unlink(existing);
    this.link({ ...entry, expiresAt: this.now() + expires * 1000 });
    if (entry.userId !== null && !wasReachable) this.reachabilityChanged(entry.userId, true);
    return { ok: true, expires };
  }

  /** `Contact: *` with Expires 0: every binding of the AOR goes. */
  unbindAll(aor: string): void {
    this.removeAll(this.byAor.get(aor) ?? []);
  }

  /** Live bindings of an AOR: nothing routes to a contact past its expiry. */
  lookup(aor: string): Binding[] {
    return this.live(this.byAor.get(aor));
  }

  bindingsOfUser(userId: number): Binding[] {
    return this.live(this.byUser.get(userId));
  }

  isReachable(userId: number): boolean {
    return this.bindingsOfUser(userId).length > 0;
  }

  /** Bindings of one connection, e.g. to tell whether it registered. */
  bindingsOfConnection(connectionId: string): Binding[] {
    return [...(this.byConnection.get(connectionId) ?? [])];
  }

  connectionClosed(connectionId: string): void {
    this.removeAll(this.byConnection.get(connectionId) ?? []);
  }

  removeUser(userId: number): void {
    this.removeAll(this.byUser.get(userId) ?? []);
  }

  /**
   * Removes expired bindings (up to a second late: expiry is kept in one-second buckets) and
   * reports agents who became unreachable. Reads filter on the exact time themselves, and call
   * this first; it costs nothing while no bucket is due. The switch also runs it on a timer so
   * an agent whose phone silently stops refreshing is reported without waiting for a read.
   */
  sweep(now = this.now()): void {
    const due = this.expiry.takeDue(now);
    if (due.length > 0) this.removeAll(due);
  }

  count(): number {
    return this.expiry.size;
  }

  /** Removes bindings, then reports each user whose last binding went. */
  private removeAll(bindings: Iterable<Binding>): void {
    const users = new Set<number>();
    for (const b of [...bindings]) {
      this.unlink(b);
      if (b.userId !== null) users.add(b.userId);
    }
    for (const userId of users) if (!this.hasUser(userId)) this.reachabilityChanged(userId, false);
  }

  private link(b: Binding): void {
    const list = this.byAor.get(b.aor);
    if (list) list.push(b);
    else this.byAor.set(b.aor, [b]);
    if (b.userId !== null) addTo(this.byUser, b.userId, b);
    addTo(this.byConnection, b.connectionId, b);
    this.expiry.add(b, b.expiresAt);
  }

  private unlink(b: Binding): void {
    const list = this.byAor.get(b.aor);
    const i = list?.indexOf(b) ?? -1;
    if (list && i >= 0) {
      list.splice(i, 1);
      if (list.length === 0) this.byAor.delete(b.aor);
    }
    if (b.userId !== null) removeFrom(this.byUser, b.userId, b);
    removeFrom(this.byConnection, b.connectionId, b);
    this.expiry.remove(b);
  }

  private live(bindings: Iterable<Binding> | undefined): Binding[] {
    const now = this.now();
    this.sweep(now);
    const out: Binding[] = [];
    for (const b of bindings ?? []) if (b.expiresAt > now) out.push(b);
    return out;
  }

  private hasUser(userId: number): boolean {
    return (this.byUser.get(userId)?.size ?? 0) > 0;
  }
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
