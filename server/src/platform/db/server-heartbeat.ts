// This server's identity and heartbeat in the shared database. A server whose heartbeat is
// older than the time-to-live is gone (crashed, killed, cut off): another server may then close
// what it left open, as of its last heartbeat, so talk time never includes the downtime.
import type { Db } from './database.js';

export const HEARTBEAT_MS = 10_000;
/** Three missed beats: long enough for a busy event loop or a database hiccup, short for callers. */
export const HEARTBEAT_TTL_MS = 30_000;

export interface GoneServer {
  id: string;
  lastHeartbeatAt: Date;
}

export class ServerHeartbeat {
  constructor(
    private readonly db: Db,
    readonly id: string,
    private readonly now: () => number,
    private readonly ttlMs = HEARTBEAT_TTL_MS,
  ) {}

  /** Starts beating as `id`; answers the last heartbeat of an earlier run under this id (its end), if any. */
  async register(): Promise<Date | null> {
    const now = new Date(this.now());
    const previous = await this.db('servers').where({ id: this.id }).first<{ heartbeat_at: Date } | undefined>('heartbeat_at');
    await this.db('servers').insert({ id: this.id, started_at: now, heartbeat_at: now }).onConflict('id').merge();
    return previous?.heartbeat_at ?? null;
  }

  async beat(): Promise<void> {
    await this.db('servers').where({ id: this.id }).update({ heartbeat_at: new Date(this.now()) });
  }

  /** Other servers whose heartbeat has stopped. */
  async gone(): Promise<GoneServer[]> {
    const rows = await this.db('servers')
      .whereNot({ id: this.id })
      .andWhere('heartbeat_at', '<', new Date(this.now() - this.ttlMs))
      .select<{ id: string; heartbeat_at: Date }[]>('id', 'heartbeat_at');
    return rows.map((r) => ({ id: r.id, lastHeartbeatAt: r.heartbeat_at }));
  }

  /** Forgets a gone server once its leftovers are closed (if it comes back, it registers again). */
  async forget(server: GoneServer): Promise<void> {
    await this.db('servers').where({ id: server.id, heartbeat_at: server.lastHeartbeatAt }).delete();
  }
}
