/**
 * Remembers the results of an expensive pure function of a string, oldest entry out first.
 * A hit is one Map lookup (no reordering): the values worth keeping are recent ones, and an
 * entry pushed out only costs one more computation. Keys longer than `maxKeyLength` are never
 * kept, so a peer sending huge unique values cannot make the memo hold more than
 * `capacity * maxKeyLength` characters. Results must never be undefined.
 */
export class BoundedMemo<T extends NonNullable<unknown> | null> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly capacity: number,
    private readonly compute: (key: string) => T,
    private readonly maxKeyLength = 512,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = this.compute(key);
    this.remember(key, value);
    return value;
  }

  /** Records a result known without computing it (the caller vouches that it is compute(key)). */
  remember(key: string, value: T): void {
    if (key.length > this.maxKeyLength || this.entries.has(key)) return;
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
