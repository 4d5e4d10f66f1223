// Overlapping reloads of the same data (an admin's save, a new agent, a periodic refresh) may
// answer in any order: a read that began earlier but answered later must not put back what a
// later read already replaced. NewestRead applies a read only if no later-begun read was applied.
export class NewestRead {
  private started = 0;
  private applied = 0;

  /**
   * Runs `read`, then `apply` with its result unless a read begun after it has been applied
   * meanwhile. True when this read was applied.
   */
  async run<T>(read: () => Promise<T>, apply: (value: T) => void): Promise<boolean> {
    const mine = ++this.started;
    const value = await read();
    if (mine < this.applied) return false;
    this.applied = mine;
    apply(value);
    return true;
  }
}
