// The admin's view of the backups: the last runs and the schedule, kept current by the server's
// `backup:finished` push, and "back up now".
import type { BackupOverview, BackupRunView } from '@kefu/contract';
import type { KefuSocket } from '../shared/session.svelte.js';
import { listen } from '../shared/socket-listeners.js';
import { errorMessage } from '../shared/errors.js';
import { supervisionApi } from './supervision-api.js';

export class BackupsState {
  overview = $state.raw<BackupOverview | null>(null);
  loadError = $state<string | null>(null);
  starting = $state(false);
  /** What the admin should hear: a run started, finished or failed (read by a live region). */
  notice = $state<{ kind: 'info' | 'error'; run: BackupRunView | null; text: string | null } | null>(null);
  running = $derived(this.starting || this.overview?.last?.status === 'running');

  async load(): Promise<void> {
    try {
      this.overview = await supervisionApi.backups();
      this.loadError = null;
    } catch (e) {
      this.loadError = errorMessage(e);
    }
  }

  async runNow(): Promise<void> {
    this.starting = true;
    try {
      const run = await supervisionApi.backUpNow();
      this.notice = { kind: 'info', run: null, text: null };
      this.#apply(run);
    } catch (e) {
      this.notice = { kind: 'error', run: null, text: errorMessage(e) };
    } finally {
      this.starting = false;
    }
  }

  /** Follows the server's pushes; returns the unsubscribe. */
  attach(socket: KefuSocket): () => void {
    return listen(socket, {
      'backup:finished': (run: BackupRunView) => {
        this.#apply(run);
        this.notice = { kind: run.status === 'failed' ? 'error' : 'info', run, text: null };
      },
    });
  }

  #apply(run: BackupRunView): void {
    const o = this.overview;
    if (!o) return void this.load();
    const recent = [run, ...o.recent.filter((r) => r.id !== run.id)];
    const newest = recent.reduce((a, b) => (b.id > a.id ? b : a));
    this.overview = {
      ...o,
      recent,
      last: newest,
      lastSucceeded: run.status === 'succeeded' && (!o.lastSucceeded || run.id >= o.lastSucceeded.id) ? run : o.lastSucceeded,
    };
  }
}
