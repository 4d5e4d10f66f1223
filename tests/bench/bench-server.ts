// The kefu server the screen-pop benchmark calls through: the production wiring (compose.ts:
// API, console, Socket.IO, the built-in SIP switch, the call center) over the loaded database,
// with its own pool sized and warmed as openDatabase does. It runs in the benchmark's process
// so moments can be noted without changing the server: when the offer's screen-pop starts and
// ends, and inside it when it got a connection from the pool and when its statement came back;
// when the `call:offered` push was emitted and when it was handed to the connection, encoded.
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { composeServer, type ComposedServer } from '../../server/src/compose.js';
import { createDb, warmPool, type Db } from '../../server/src/platform/db/database.js';
import { logger } from '../../server/src/platform/logger.js';
import { createServices } from '../../server/src/compose.js';
import type { DbSettings } from './db-settings.js';
import { round } from './stats.js';

/** One offer's screen-pop as the server built it; times in epoch ms (timeOrigin + now). */
export interface ServerPop {
  callerNumber: string;
  startedAt: number;
  endedAt: number;
  /** Waiting for a pool connection (null: not seen). */
  poolWaitMs: number | null;
  /** The statement's round trip: sent → rows parsed by pg. */
  queryMs: number | null;
  /** Rows back → pop returned (the JSON columns revived and mapped to the contract). */
  mapMs: number | null;
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
  /** When each `call:offered` push was emitted (before Socket.IO encoded it), and its size. */
  offersEmitted: { at: number; bytes: number }[];
  /** The server's event-loop delay (ms) since resetLoopDelay: how long ready work waited for the loop. */
  loopDelay(): { p50: number; p99: number; max: number };
  resetLoopDelay(): void;
  clear(): void;
  close(): Promise<void>;
}

const epochNow = () => performance.timeOrigin + performance.now();

export async function startBenchServer(opts: { url: string; consoleDir: string; port: number; db: DbSettings }): Promise<BenchServer> {
  const log = logger.child({ module: 'bench-server' });
  log.level = 'warn';
  const db: Db = createDb(opts.url, opts.db.pool.max, opts.db.pool.min);
  // The call log's own pool, as startServer opens it.
  const callLogDb: Db = createDb(opts.url, opts.db.callLogPoolMax, 1);
  let composed: ComposedServer | null = null;
  try {
    await warmPool(db, opts.db.pool.min);
    await warmPool(callLogDb, 1);
    const services = createServices(db, { sessionTtlMs: 3_600_000, defaultRegion: 'CN' });
    const pops: ServerPop[] = [];
    const offersSent: number[] = [];
    const offersEmitted: { at: number; bytes: number }[] = [];
    const acquires = traceAcquires(db);
    const popQueries = traceQueries(db, (sql) => sql.includes('first_match'));
    // The call center asks services.customers.offerScreenPop for each admitted call.
    const offerScreenPop = services.customers.offerScreenPop.bind(services.customers);
    services.customers.offerScreenPop = async (callerNumber) => {
      const startedAt = epochNow();
      const pop = await offerScreenPop(callerNumber);
      const endedAt = epochNow();
      // Calls come one at a time: the pop's statement is the last one seen, and its connection
      // the last handed out before it was sent.
      const q = popQueries.at(-1);
      const got = q && q.start >= startedAt ? acquires.filter((a) => a.start >= startedAt && a.end <= q.start).at(-1) : undefined;
      pops.push({
        callerNumber,
        startedAt,
        endedAt,
        poolWaitMs: got ? got.end - got.start : null,
        queryMs: q && q.start >= startedAt ? q.end - q.start : null,
        mapMs: q && q.start >= startedAt ? endedAt - q.end : null,
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
      callLogDb,
    });
    // Engine.IO announces each packet as it queues it for the connection; a Socket.IO event
    // travels in it as `2["name",…]`.
    const adapter = composed.io.of('/').adapter as unknown as { broadcast(packet: { data?: unknown[] }, opts: unknown): void };
    const broadcast = adapter.broadcast.bind(adapter);
    adapter.broadcast = (packet, o) => {
      const at = epochNow();
      if (packet.data?.[0] === 'call:offered') offersEmitted.push({ at, bytes: JSON.stringify(packet.data).length });
      broadcast(packet, o);
    };
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
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
      offersEmitted,
      loopDelay: () => ({ p50: round(loop.percentile(50) / 1e6, 2), p99: round(loop.percentile(99) / 1e6, 2), max: round(loop.max / 1e6, 2) }),
      resetLoopDelay: () => loop.reset(),
      clear() {
        pops.length = 0;
        offersSent.length = 0;
        offersEmitted.length = 0;
        acquires.length = 0;
        popQueries.length = 0;
      },
      async close() {
        loop.disable();
        await running.close();
        await callLogDb.destroy();
        await db.destroy();
      },
    };
  } catch (err) {
    await composed?.close().catch(() => undefined);
    await callLogDb.destroy().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    throw err;
  }
}

interface Span {
  start: number;
  end: number;
}

/** Every wait for a pool connection (knex's acquireConnection), as epoch-ms spans. */
function traceAcquires(db: Db): Span[] {
  const spans: Span[] = [];
  const client = db.client as { acquireConnection(): Promise<unknown> };
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    const start = epochNow();
    const conn = await acquire();
    spans.push({ start, end: epochNow() });
    return conn;
  };
  return spans;
}

/** Round trips of the statements `pick` chooses by their text (knex's client.query: sent → rows parsed). */
function traceQueries(db: Db, pick: (sql: string) => boolean): Span[] {
  const spans: Span[] = [];
  const client = db.client as { query(conn: unknown, q: { sql?: string }): Promise<unknown> };
  const query = client.query.bind(client);
  client.query = async (conn, q) => {
    if (!q.sql || !pick(q.sql)) return query(conn, q);
    const start = epochNow();
    const out = await query(conn, q);
    spans.push({ start, end: epochNow() });
    return out;
  };
  return spans;
}
