// The kefu server the screen-pop benchmark calls through: the production wiring (compose.ts:
// API, console, Socket.IO, the built-in SIP switch, the call center) over the loaded database,
// with its own pool sized and warmed as openDatabase does. It runs in the benchmark's process
// so two moments can be noted without changing the server: when the offer's screen-pop query
// starts and ends, and when the `call:offered` push leaves.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { composeServer, type ComposedServer } from '../../server/src/compose.js';
import { createDb, warmPool, type Db } from '../../server/src/platform/db/database.js';
import { logger } from '../../server/src/platform/logger.js';
import { createServices } from '../../server/src/compose.js';
import type { DbSettings } from './db-settings.js';

/** One offer's screen-pop as the server built it; times in epoch ms (timeOrigin + now). */
export interface ServerPop {
  callerNumber: string;
  startedAt: number;
  endedAt: number;
  customerId: number | null;
  interactions: number;
  openCases: number;
}

export interface BenchServer {
  baseUrl: string;
  /** Pops built since the last clear, oldest first. */
  pops: ServerPop[];
  /** When each `call:offered` push was handed to a connection since the last clear (epoch ms). */
  offersSent: number[];
  clear(): void;
  close(): Promise<void>;
}

const epochNow = () => performance.timeOrigin + performance.now();

export async function startBenchServer(opts: { url: string; consoleDir: string; port: number; db: DbSettings }): Promise<BenchServer> {
  const log = logger.child({ module: 'bench-server' });
  log.level = 'warn';
  const db: Db = createDb(opts.url, opts.db.pool.max, opts.db.pool.min);
  let composed: ComposedServer | null = null;
  try {
    await warmPool(db, opts.db.pool.min);
    const services = createServices(db, { sessionTtlMs: 3_600_000, defaultRegion: 'CN' });
    const pops: ServerPop[] = [];
    const offersSent: number[] = [];
    // The call center asks services.customers.offerScreenPop for each admitted call.
    const offerScreenPop = services.customers.offerScreenPop.bind(services.customers);
    services.customers.offerScreenPop = async (callerNumber) => {
      const startedAt = epochNow();
      const pop = await offerScreenPop(callerNumber);
      pops.push({
        callerNumber,
        startedAt,
        endedAt: epochNow(),
        customerId: pop.primary?.customer.id ?? null,
        interactions: pop.primary?.interactions.length ?? 0,
        openCases: pop.primary?.openCases?.length ?? 0,
      });
      return pop;
    };
    composed = composeServer(services, {
      log,
      secureCookies: false,
      sessionTtlMs: 3_600_000,
      consoleDir: opts.consoleDir,
      publicUrl: null,
      sipDomain: 'kefu.bench',
      defaultRegion: 'CN',
      // Demo mode lets the caller's web phone register without signing in, as in the demo.
      demo: true,
    });
    // Engine.IO announces each packet as it queues it for the connection; a Socket.IO event
    // travels in it as `2["name",…]`.
    composed.io.engine.on('connection', (socket: { on(e: 'packetCreate', cb: (p: { data?: unknown }) => void): void }) => {
      socket.on('packetCreate', (packet) => {
        if (typeof packet.data === 'string' && packet.data.startsWith('2["call:offered"')) offersSent.push(epochNow());
      });
    });
    await composed.start();
    const server = composed.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const running = composed;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      pops,
      offersSent,
      clear() {
        pops.length = 0;
        offersSent.length = 0;
      },
      async close() {
        await running.close();
        await db.destroy();
      },
    };
  } catch (err) {
    await composed?.close().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    throw err;
  }
}
