// A shared "now" that ticks, so due times ("resolution due in 3 h") stay current.
class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;
  #users = 0;

  /** Starts ticking while at least one caller uses it; returns the release function. */
  use(intervalMs = 30_000): () => void {
    this.#users++;
    this.now = Date.now();
    if (!this.#timer) this.#timer = setInterval(() => (this.now = Date.now()), intervalMs);
    return () => {
      this.#users--;
      if (this.#users === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = null;
      }
    };
  }
}

export const clock = new Clock();
