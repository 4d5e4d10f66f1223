// What a page reads from the server when it opens: loading, then done, or failed with why.
export class PageLoad {
  status = $state<'loading' | 'done' | 'error'>('loading');
  error = $state<unknown>(null);

  /** Runs `read`, which keeps what it read; a failure is kept here for the page to show. */
  async run(read: () => Promise<void>): Promise<void> {
    this.status = 'loading';
    this.error = null;
    try {
      await read();
      this.status = 'done';
    } catch (e) {
      this.error = e;
      this.status = 'error';
    }
  }
}
