// A transfer from the agent's desk: the directory to pick from (agents with their state, and the
// queues), and "Transfer now". The server does the transfer (the switch moves the caller) and
// carries the context; this only asks and reports.
import type { TransferDirectory, TransferResult } from '@kefu/contract';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';

export class CallTransfer {
  /** The form is open (the "Transfer" button, or Alt+T). */
  open = $state(false);
  directory = $state.raw<TransferDirectory | null>(null);
  loading = $state(false);
  loadError = $state<unknown>(null);
  busy = $state(false);
  error = $state<unknown>(null);
  /** The last transfer made, for the status line. */
  done = $state.raw<TransferResult | null>(null);

  show(): void {
    this.open = true;
    this.error = null;
    this.done = null;
  }

  close(): void {
    this.open = false;
    this.error = null;
  }

  async loadDirectory(socket: KefuSocket | null): Promise<void> {
    if (!socket) return;
    this.loading = true;
    this.loadError = null;
    try {
      this.directory = await command<TransferDirectory>((done) => socket.emit('transfer:directory', {}, done));
    } catch (e) {
      this.loadError = e;
    } finally {
      this.loading = false;
    }
  }

  /** Blind transfer; true once the server has moved the call. */
  async transferNow(socket: KefuSocket | null, to: string, reason: string, beforehand: () => Promise<unknown>): Promise<boolean> {
    if (!socket || this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      // The notes typed so far travel with the call: they must be saved first.
      await beforehand();
      const trimmed = reason.trim();
      this.done = await command<TransferResult>((done) => socket.emit('call:transfer', { to, ...(trimmed ? { reason: trimmed } : {}) }, done));
      this.open = false;
      return true;
    } catch (e) {
      this.error = e;
      return false;
    } finally {
      this.busy = false;
    }
  }
}

/** One per console: the desk's panel and the Alt+T shortcut share it. */
export const callTransfer = new CallTransfer();
