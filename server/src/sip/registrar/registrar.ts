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
 */
export class Registrar {
  private readonly byAor = new Map<string, Binding[]>();
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
    if (expiresSeconds === 0) {
      this.mutate(entry.userId, () => this.drop(entry.aor, (b) => b.contact === entry.contact));
      return { ok: true, expires: 0 };
    }
    if (expiresSeconds < this.minExpires) {
      return { ok: false, status: 423, reason: 'Interval Too Brief', minExpires: this.minExpires };
    }
    const expires = Math.min(expiresSeconds, this.maxExpires);
    const list = (this.byAor.get(entry.aor) ?? []).filter((b) => b.contact !== entry.contact);
    if (list.length >= this.maxPerAor) return { ok: false, status: 403, reason: 'Too many registrations' };
    this.mutate(entry.userId, () => {
      list.push({ ...entry, expiresAt: this.now() + expires * 1000 });
      this.byAor.set(entry.aor, list);
    });
    return { ok: true, expires };
  }

  /** `Contact: *` with Expires 0: every binding of the AOR goes. */
  unbindAll(aor: string, userId: number | null): void {
    this.mutate(userId, () => this.drop(aor, () => true));
  }

  /** Live bindings of an AOR; expired ones are swept first so nothing routes to a dead contact. */
  lookup(aor: string): Binding[] {
    this.sweep();
    return [...(this.byAor.get(aor) ?? [])];
  }

  bindingsOfUser(userId: number): Binding[] {
    this.sweep();
    return [...this.byAor.values()].flat().filter((b) => b.userId === userId);
  }

  isReachable(userId: number): boolean {
    return this.bindingsOfUser(userId).length > 0;
  }

  /** Bindings of one connection, e.g. to tell whether it registered. */
  bindingsOfConnection(connectionId: string): Binding[] {
    return [...this.byAor.values()].flat().filter((b) => b.connectionId === connectionId);
  }

  connectionClosed(connectionId: string): void {
    this.dropWhere((b) => b.connectionId === connectionId);
  }

  removeUser(userId: number): void {
    this.dropWhere((b) => b.userId === userId);
  }

  /** Removes expired bindings; the switch calls it on a timer, tests with a fake clock. */
  sweep(): void {
    const now = this.now();
    this.dropWhere((b) => b.expiresAt <= now);
  }

  count(): number {
    let n = 0;
    for (const list of this.byAor.values()) n += list.length;
    return n;
  }

  private dropWhere(predicate: (b: Binding) => boolean): void {
    const affected = new Set<number>();
    for (const list of this.byAor.values()) {
      for (const b of list) if (b.userId !== null && predicate(b)) affected.add(b.userId);
    }
    const before = new Map([...affected].map((id) => [id, this.hasUser(id)]));
    for (const aor of [...this.byAor.keys()]) this.drop(aor, predicate);
    for (const [id, was] of before) if (was && !this.hasUser(id)) this.reachabilityChanged(id, false);
  }

  private drop(aor: string, predicate: (b: Binding) => boolean): void {
    const list = this.byAor.get(aor);
    if (!list) return;
    const kept = list.filter((b) => !predicate(b));
    if (kept.length === 0) this.byAor.delete(aor);
    else this.byAor.set(aor, kept);
  }

  /** Runs a change and reports the user's reachability if it flipped. */
  private mutate(userId: number | null, change: () => void): void {
    const before = userId === null ? false : this.hasUser(userId);
    change();
    if (userId === null) return;
    const after = this.hasUser(userId);
    if (before !== after) this.reachabilityChanged(userId, after);
  }

  private hasUser(userId: number): boolean {
    for (const list of this.byAor.values()) if (list.some((b) => b.userId === userId)) return true;
    return false;
  }
}
