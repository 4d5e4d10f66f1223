/**
 * Items due at a time, grouped in one-second buckets: adding, removing and finding what is
 * due cost nothing for the items not yet due, however many there are. `takeDue` hands out an
 * item once its bucket's second has fully passed, so up to a second after its exact time;
 * readers that must be exact also compare the time themselves.
 */
export class ExpiryBuckets<T> {
  private readonly buckets = new Map<number, Set<T>>();
  private readonly bucketOf = new Map<T, number>();
  /** Every bucket before this one has been taken. */
  private nextDue: number | undefined;

  get size(): number {
    return this.bucketOf.size;
  }

  /** Schedules `item` for `dueAt` (epoch ms), replacing what it was scheduled for. */
  add(item: T, dueAt: number): void {
    this.remove(item);
    const bucket = Math.ceil(dueAt / 1000);
    let set = this.buckets.get(bucket);
    if (!set) this.buckets.set(bucket, (set = new Set()));
    set.add(item);
    this.bucketOf.set(item, bucket);
    if (this.nextDue === undefined || bucket < this.nextDue) this.nextDue = bucket;
  }

  remove(item: T): void {
    const bucket = this.bucketOf.get(item);
    if (bucket === undefined) return;
    this.bucketOf.delete(item);
    const set = this.buckets.get(bucket);
    set?.delete(item);
    if (set?.size === 0) this.buckets.delete(bucket);
  }

  /** Removes and returns every item whose bucket ended at or before `now`. */
  takeDue(now: number): T[] {
    const due: T[] = [];
    const last = Math.floor(now / 1000);
    if (this.nextDue === undefined || this.nextDue > last) return due;
    if (this.bucketOf.size === 0) {
      this.nextDue = undefined;
      return due;
    }
    // Walk the seconds since the last call when that is short; after a long pause it is
    // cheaper to look at the buckets that exist.
    const keys = last - this.nextDue < this.buckets.size ? range(this.nextDue, last) : [...this.buckets.keys()].filter((b) => b <= last);
    for (const bucket of keys) {
      const set = this.buckets.get(bucket);
      if (!set) continue;
      this.buckets.delete(bucket);
      for (const item of set) {
        this.bucketOf.delete(item);
        due.push(item);
      }
    }
    this.nextDue = last + 1;
    return due;
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
