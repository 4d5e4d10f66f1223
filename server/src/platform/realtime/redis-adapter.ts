// Several servers on one database share their consoles through Redis: with the Socket.IO Redis
// adapter, an emit to a room (a user, a session, the supervisors) and fetchSockets() reach the
// sockets held by every server, not only this one's. Without KEFU_REDIS_URL a server reaches
// only its own consoles (enough for one server).
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from '../logger.js';
import type { KefuIo } from './socket-server.js';

export interface SharedSockets {
  close(): Promise<void>;
}

/** Tries at start-up before giving up with a sentence; once connected, it reconnects for good. */
const START_ATTEMPTS = 5;

/** The URL without its password, for messages. */
export function redisUrlForLog(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis URL';
  }
}

export async function shareSocketsThroughRedis(io: KefuIo, url: string, log: Logger): Promise<SharedSockets> {
  let connected = false;
  const where = redisUrlForLog(url);
  const pub = createClient({
    url,
    socket: {
      reconnectStrategy: (retries: number) =>
        connected ? Math.min(100 * 2 ** retries, 5_000) : retries >= START_ATTEMPTS ? new Error(`Cannot reach Redis at ${where} (KEFU_REDIS_URL)`) : 200 * (retries + 1),
    },
  });
  const sub = pub.duplicate();
  for (const [name, client] of [['publisher', pub], ['subscriber', sub]] as const) {
    // Without a listener an error event would end the process; the client reconnects by itself.
    client.on('error', (err: Error) => log.warn({ redis: where, client: name, reason: err.message }, 'redis connection error'));
  }
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (err) {
    await Promise.allSettled([pub.destroy(), sub.destroy()]);
    throw new Error(`Cannot reach Redis at ${where} (KEFU_REDIS_URL): ${(err as Error).message}`);
  }
  connected = true;
  io.adapter(createAdapter(pub, sub));
  log.info({ redis: where }, 'consoles shared with the other servers through Redis');
  return {
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
