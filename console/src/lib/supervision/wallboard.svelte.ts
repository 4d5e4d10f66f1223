// The supervisor's live wallboard: a snapshot on 'wallboard:watch', then the server's coalesced
// pushes merged in. After a dropped connection the snapshot is asked for again (pushes sent
// meanwhile are gone). The server's clock is the reference for ticking times.
import type { AgentFloorRow, QueueFloorRow, WallboardDelta, WallboardSnapshot } from '@kefu/contract';
import type { KefuSocket } from '../shared/session.svelte.js';
import { command } from '../shared/socket-command.js';
import { listen } from '../shared/socket-listeners.js';
import { applyDelta } from './wallboard-view.js';

export type WallboardStatus = 'idle' | 'loading' | 'live' | 'error';

export class Wallboard {
  status = $state<WallboardStatus>('idle');
  error = $state<unknown>(null);
  queues = $state.raw<QueueFloorRow[]>([]);
  agents = $state.raw<AgentFloorRow[]>([]);
  teams = $state.raw<{ id: number; name: string }[]>([]);
  dayStart = $state<string | null>(null);
  timeZone = $state<string | null>(null);
  /** Server time minus this browser's time (ms), so ticking times agree with the server's. */
  skewMs = $state(0);

  /** Starts watching on the session's connection; returns the function that stops. */
  attach(socket: KefuSocket): () => void {
    const stop = listen(socket, {
      'wallboard:changed': (d: WallboardDelta) => this.#apply(d),
      reconnect: () => void this.#watch(socket),
    });
    void this.#watch(socket);
    return () => {
      stop();
      socket.emit('wallboard:unwatch', {}, () => {});
      this.status = 'idle';
    };
  }

  async #watch(socket: KefuSocket): Promise<void> {
    if (this.status !== 'live') this.status = 'loading';
    this.error = null;
    try {
      const s = await command<WallboardSnapshot>((done) => socket.emit('wallboard:watch', {}, done));
      this.queues = s.queues;
      this.agents = s.agents;
      this.teams = s.teams;
      this.dayStart = s.dayStart;
      this.timeZone = s.timeZone;
      this.skewMs = Date.parse(s.serverNow) - Date.now();
      this.status = 'live';
    } catch (e) {
      this.error = e;
      this.status = 'error';
    }
  }

  #apply(d: WallboardDelta): void {
    if (this.status !== 'live') return;
    const next = applyDelta(this.queues, this.agents, d);
    this.queues = next.queues;
    this.agents = next.agents;
    this.dayStart = d.dayStart;
    this.skewMs = Date.parse(d.serverNow) - Date.now();
  }
}
