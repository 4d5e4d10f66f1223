// Notices a supervisor put on this agent's desktop (a message, or a change of their state and
// why), kept until the agent dismisses them. Heard on the session's socket from sign-in on.
import type { FloorNotice } from '@kefu/contract';
import type { KefuSocket } from '../shared/session.svelte.js';
import { listen } from '../shared/socket-listeners.js';

/** More than this and the oldest goes: a desk is not an inbox. */
const KEEP = 5;

export class FloorNotices {
  items = $state<FloorNotice[]>([]);

  /** Listens for notices; returns the function that stops listening. */
  attach(socket: KefuSocket): () => void {
    return listen(socket, {
      'floor:notice': (n: FloorNotice) => {
        this.items = [...this.items.filter((i) => i.id !== n.id), n].slice(-KEEP);
      },
    });
  }

  dismiss(id: string): void {
    this.items = this.items.filter((i) => i.id !== id);
  }

  reset(): void {
    this.items = [];
  }
}

export const floorNotices = new FloorNotices();
