// `npm run bench:floor -- [--quick] [--agents N] [--supervisors N] [--states N] [--calls N] [--seconds N]`:
// one kefu server (a child process) with N signed-in agents and M supervisors as real Socket.IO
// clients; agents change state at --states per second and queue calls make --calls call events
// per second. Measures change → supervisor receipt (the agent row's `since` is the server's
// instant of the change; same machine, same clock), the server's event-loop delay and memory.
// Writes bench-results/floor-<stamp>.json and floor-latest.json. Never fails on a target.
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, WallboardDelta } from '../../../contract/index.js';
import { createDb, type Db } from '../../../server/src/platform/db/database.js';
import { migrateLatest } from '../../../server/src/platform/db/migrate.js';
import { openBenchDatabase, type BenchDatabase } from '../bench-db.js';
import { dbSettings } from '../db-settings.js';
import { seedQueueBench, QUEUE_BENCH_HOTLINE } from '../queue/queue-fixture.js';
import type { FloorServerReport, FromFloorServer, ToFloorServer } from './floor-server.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const log = (msg: string) => process.stdout.write(`[bench:floor ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

const FULL = { agents: 2000, supervisors: 100, states: 200, calls: 50, seconds: 30 };
const QUICK = { agents: 200, supervisors: 10, states: 50, calls: 20, seconds: 15 };

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: 'boolean', default: false },
      agents: { type: 'string' },
      supervisors: { type: 'string' },
      states: { type: 'string' },
      calls: { type: 'string' },
      seconds: { type: 'string' },
    },
  });
  const base = values.quick ? QUICK : FULL;
  const n = (v: string | undefined, d: number) => {
    if (v === undefined) return d;
    const x = Number(v);
    if (!Number.isSafeInteger(x) || x < 1) throw new Error(`expected a positive integer, got "${v}"`);
    return x;
  };
  return {
    agents: n(values.agents, base.agents),
    supervisors: n(values.supervisors, base.supervisors),
    statesPerSecond: n(values.states, base.states),
    callEventsPerSecond: n(values.calls, base.calls),
    seconds: n(values.seconds, base.seconds),
  };
}

/** Supervisors with a signed-in session each, in the bench team, as rows (sign-ins measure nothing here). */
async function seedSupervisors(db: Db, count: number): Promise<string[]> {
  const team = await db('teams').where({ name: 'Queue bench' }).first('id');
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const [u] = await db('users')
      .insert({ username: `fsup${String(i + 1).padStart(4, '0')}`, display_name: `Floor supervisor ${i + 1}`, password_hash: 'x', role: 'supervisor', team_id: team.id })
      .returning('id');
    const token = randomBytes(32).toString('base64url');
    await db('sessions').insert({ id: createHash('sha256').update(token).digest('hex'), user_id: u.id, expires_at: new Date(Date.now() + 12 * 3_600_000), user_agent: 'kefu-floor-bench' });
    tokens.push(token);
  }
  return tokens;
}

function connect(baseUrl: string, token: string): Promise<Client> {
  const socket: Client = ioClient(baseUrl, { transports: ['websocket'], extraHeaders: { cookie: `kefu_session=${token}` }, reconnection: false });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no session:ready')), 30_000);
    socket.once('session:ready', () => {
      clearTimeout(t);
      resolve(socket);
    });
    socket.once('connect_error', (e) => {
      clearTimeout(t);
      reject(e);
    });
  });
}

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : NaN);
  return { count: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) };
}

async function main(): Promise<void> {
  const o = options();
  const startedAt = new Date();
  setTimeout(() => {
    log('hard timeout');
    process.exit(2);
  }, 10 * 60_000 + o.seconds * 2000).unref();
  let bench: BenchDatabase | undefined;
  let db: Db | undefined;
  const child = (() => {
    let c: ReturnType<typeof fork> | null = null;
    return { get: () => c, set: (x: ReturnType<typeof fork>) => (c = x) };
  })();
  const sockets: Client[] = [];
  try {
    bench = await openBenchDatabase({ dataDir: path.join(os.tmpdir(), 'kefu-bench-floor-pg'), keep: false, memory: dbSettings().memory, database: 'kefu_bench_floor' });
    db = createDb(bench.url, 4, 1);
    await migrateLatest(db);
    const staff = await seedQueueBench(db, { agents: o.agents, wrapUpSeconds: 1 });
    const supervisorTokens = await seedSupervisors(db, o.supervisors);
    log(`${o.agents} agents, ${o.supervisors} supervisors; ${o.statesPerSecond} state changes/s and ${o.callEventsPerSecond} call events/s for ${o.seconds} s`);

    const server = fork(path.join(import.meta.dirname, 'floor-server.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, BENCH_FLOOR_DB_URL: bench.url } });
    child.set(server);
    const inbox: FromFloorServer[] = [];
    let wake: (() => void) | null = null;
    server.on('message', (m: FromFloorServer) => {
      inbox.push(m);
      wake?.();
    });
    const next = async <K extends FromFloorServer['type']>(type: K): Promise<Extract<FromFloorServer, { type: K }>> => {
      for (;;) {
        const failed = inbox.find((m) => m.type === 'failed');
        if (failed?.type === 'failed') throw new Error(failed.error);
        const i = inbox.findIndex((m) => m.type === type);
        if (i >= 0) return inbox.splice(i, 1)[0] as Extract<FromFloorServer, { type: K }>;
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 500);
        });
      }
    };
    const tell = (m: ToFloorServer) => server.send(m);
    const { baseUrl } = await next('ready');

    // Agents open their consoles (which signs them in), a batch at a time.
    const agents: Client[] = [];
    for (let i = 0; i < staff.agents.length; i += 50) {
      agents.push(...(await Promise.all(staff.agents.slice(i, i + 50).map((a) => connect(baseUrl, a.sessionToken)))));
    }
    sockets.push(...agents);
    log(`${agents.length} agent consoles open`);

    // Supervisors watch; each measures how long after the change its push arrived.
    const latencies: number[] = [];
    const transport: number[] = [];
    let pushes = 0;
    let measuring = false;
    const supervisors: Client[] = [];
    for (const token of supervisorTokens) {
      const s = await connect(baseUrl, token);
      const seen = new Map<number, string>();
      const snap = await s.emitWithAck('wallboard:watch', {});
      if (!snap.ok) throw new Error(`watch refused: ${snap.error.code}`);
      for (const a of snap.data.agents) seen.set(a.userId, a.since);
      s.on('wallboard:changed', (d: WallboardDelta) => {
        const now = Date.now();
        pushes += 1;
        if (!measuring) return;
        transport.push(now - Date.parse(d.serverNow));
        for (const a of d.agents) {
          if (seen.get(a.userId) === a.since) continue;
          seen.set(a.userId, a.since);
          latencies.push(now - Date.parse(a.since));
        }
      });
      supervisors.push(s);
    }
    sockets.push(...supervisors);
    log(`${supervisors.length} supervisors watching`);

    tell({ type: 'mark' });
    await next('marked');
    measuring = true;
    tell({ type: 'calls', perSecond: Math.max(1, Math.round(o.callEventsPerSecond / 2)), seconds: o.seconds, hotline: QUEUE_BENCH_HOTLINE });
    const ready = new Set<number>();
    let sent = 0;
    let refused = 0;
    const total = o.statesPerSecond * o.seconds;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        for (let i = 0; i < o.statesPerSecond / 10 && sent < total; i++, sent++) {
          const k = Math.floor(Math.random() * agents.length);
          const goReady = !ready.has(k);
          if (goReady) ready.add(k);
          else ready.delete(k);
          agents[k]!.emit('agent:set-state', goReady ? { state: 'ready' } : { state: 'not_ready', reason: 'break' }, (res) => {
            if (!res.ok) refused += 1;
          });
        }
        if (sent >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 100);
    });
    await next('calls-done');
    measuring = false;
    tell({ type: 'report' });
    const { report } = await next('report');
    const result = {
      benchmark: 'floor',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      database: bench.mode,
      sizes: o,
      stateChangesSent: sent,
      stateChangesRefused: refused,
      callEvents: report.callEvents,
      pushesReceived: pushes,
      changeToReceiptMs: percentiles(latencies),
      pushTransportMs: percentiles(transport),
      server: report satisfies FloorServerReport,
      targets: {
        freshnessP99AtMost1000ms: percentiles(latencies).p99 <= 1000,
        eventLoopP99AtMost50ms: report.eventLoopDelayMs.p99 <= 50,
        fullSpec: o.agents >= 2000 && o.supervisors >= 100 && o.statesPerSecond >= 200 && o.callEventsPerSecond >= 50,
      },
    };
    const dir = path.resolve('bench-results');
    fs.mkdirSync(dir, { recursive: true });
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const json = `${JSON.stringify(result, null, 2)}\n`;
    fs.writeFileSync(path.join(dir, `floor-${stamp}.json`), json);
    fs.writeFileSync(path.join(dir, 'floor-latest.json'), json);
    const r = result.changeToReceiptMs;
    process.stdout.write(
      [
        '',
        `change → supervisor receipt (ms): p50 ${r.p50}, p95 ${r.p95}, p99 ${r.p99}, max ${r.max} over ${r.count} receipts`,
        `server event-loop delay (ms): p50 ${report.eventLoopDelayMs.p50}, p99 ${report.eventLoopDelayMs.p99}, max ${report.eventLoopDelayMs.max}`,
        `server memory peak: rss ${report.rssPeakMB} MB, heap ${report.heapUsedPeakMB} MB; ${report.callEvents} call events, ${sent} state changes (${refused} refused)`,
        `written: bench-results/floor-${stamp}.json and bench-results/floor-latest.json`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const s of sockets) s.disconnect();
    const c = child.get();
    if (c && c.exitCode === null) {
      const exited = new Promise((r) => c.once('exit', r));
      if (c.connected) c.send({ type: 'stop' } satisfies ToFloorServer);
      setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
      await exited;
    }
    await db?.destroy();
    await bench?.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
