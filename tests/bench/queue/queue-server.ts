// Child process of the queue benchmark: the production wiring (compose.ts: API, Socket.IO, the
// built-in SIP switch, the ACD and the call log) over the benchmark's database, on 127.0.0.1,
// in its own event loop so its CPU, memory and event-loop delay are its own. Driven over IPC by
// run-queue.ts. Warnings and errors it logs are counted by message and reported, not printed.
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { composeServer, createServices, type ComposedServer } from '../../../server/src/compose.js';
import { createDb, warmPool } from '../../../server/src/platform/db/database.js';
import type { Logger } from '../../../server/src/platform/logger.js';
import { dbSettings } from '../db-settings.js';
import { QUEUE_BENCH_SIP_DOMAIN } from './queue-fixture.js';


export type ToQueueServer =
  | { type: 'issue-callers'; count: number }
  | { type: 'mark' }
  | { type: 'settle'; timeoutMs: number }
  | { type: 'report' }
  | { type: 'stop' };

export interface QueueServerReport {
  /** CPU of this process since the mark (user + system). */
  cpuMs: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  rssPeakMB: number;
  heapUsedPeakMB: number;
  /** The screen-pop query each admission waits for (CustomerService.offerScreenPop), since the mark. */
  popQueryMs: { count: number; p50: number; p95: number; max: number };
  /** Log lines at warn or above since start, by message. */
  logged: Record<string, number>;
  firstLogged: string[];
  pool: { min: number; max: number };
  callLogPoolMax: number;
}

export type FromQueueServer =
  | { type: 'ready'; baseUrl: string; sipUrl: string }
  | { type: 'callers'; accounts: { username: string; password: string }[] }
  | { type: 'marked' }
  | { type: 'settled'; ms: number; timedOut: boolean }
  | { type: 'report'; report: QueueServerReport }
  | { type: 'failed'; error: string };

const mb = (b: number): number => Math.round((b / 1048576) * 10) / 10;
const ms = (ns: number): number => Math.round(ns / 1e4) / 100;

/** A pino destination that keeps counts by message and the first few lines. */
function countingLogger(): { log: Logger; logged: Record<string, number>; first: string[] } {
  const logged: Record<string, number> = {};
  const first: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line) continue;
        let key = line.slice(0, 120);
        try {
          const parsed = JSON.parse(line) as { msg?: string; err?: { message?: string } };
          key = `${parsed.msg ?? '?'}${parsed.err?.message ? `: ${parsed.err.message.slice(0, 100)}` : ''}`;
        } catch {
          // not JSON: keep the raw start
        }
        logged[key] = (logged[key] ?? 0) + 1;
        if (first.length < 5) first.push(line.slice(0, 500));
      }
      done();
    },
  });
  return { log: pino({ level: 'warn', base: undefined }, sink) as unknown as Logger, logged, first };
}

async function main(): Promise<void> {
  const send = (m: FromQueueServer): void => void process.send?.(m);
  const url = process.env.BENCH_QUEUE_DB_URL;
  if (!url) throw new Error('BENCH_QUEUE_DB_URL is not set');
  const settings = dbSettings();
  const db = createDb(url, settings.pool.max, settings.pool.min);
  // The call log writes through a pool of its own, as server.ts wires it, so writes never hold
  // up the admission's screen-pop query.
  const callLogDb = createDb(url, settings.callLogPoolMax, 1);
  await warmPool(db, settings.pool.min);
  await warmPool(callLogDb, 1);
  const { log, logged, first } = countingLogger();
  const services = createServices(db, { sessionTtlMs: 12 * 3_600_000, defaultRegion: 'CN' });
  // Admission waits for the pop before it routes: its time under load is noted, as bench-server.ts does.
  let popMs: number[] = [];
  const offerScreenPop = services.customers.offerScreenPop.bind(services.customers);
  services.customers.offerScreenPop = async (callerNumber) => {
    const t = performance.now();
    try {
      return await offerScreenPop(callerNumber);
    } finally {
      popMs.push(performance.now() - t);
    }
  };
  const composed: ComposedServer = composeServer(services, {
    log,
    secureCookies: false,
    sessionTtlMs: 12 * 3_600_000,
    consoleDir: null,
    publicUrl: null,
    sipDomain: QUEUE_BENCH_SIP_DOMAIN,
    defaultRegion: 'CN',
    demo: false,
    callLogDb,
  });
  await composed.start();
  await new Promise<void>((resolve, reject) => {
    composed.server.once('error', reject);
    composed.server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = composed.server.address() as AddressInfo;

  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let cpuAtMark = process.cpuUsage();
  let rssPeak = 0;
  let heapPeak = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 250);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(sampler);
    const hard = setTimeout(() => process.exit(0), 10_000);
    hard.unref();
    await composed.close().catch(() => undefined);
    await callLogDb.destroy().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    process.exit(0);
  };

  process.on('message', (m: ToQueueServer) => {
    switch (m.type) {
      case 'issue-callers': {
        // Callers stand for the public network: accounts of their own, as a trunk would have.
        const accounts = Array.from({ length: m.count }, (_, i) =>
          composed.sipSwitch.accounts.issue({ username: `+86139${String(i + 1).padStart(8, '0')}`, userId: null, displayName: `Caller ${i + 1}` }),
        );
        send({ type: 'callers', accounts: accounts.map((a) => ({ username: a.username, password: a.password })) });
        return;
      }
      case 'mark':
        cpuAtMark = process.cpuUsage();
        popMs = [];
        delay.reset();
        rssPeak = 0;
        heapPeak = 0;
        send({ type: 'marked' });
        return;
      case 'settle': {
        const t0 = performance.now();
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), m.timeoutMs)));
        void Promise.race([composed.callsSettled().then(() => false), timedOut]).then((late) => {
          clearTimeout(timer);
          send({ type: 'settled', ms: Math.round(performance.now() - t0), timedOut: late });
        });
        return;
      }
      case 'report': {
        const cpu = process.cpuUsage(cpuAtMark);
        const sorted = popMs.sort((a, b) => a - b);
        const q = (p: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN) * 100) / 100;
        send({
          type: 'report',
          report: {
            cpuMs: Math.round((cpu.user + cpu.system) / 1000),
            eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
            popQueryMs: { count: sorted.length, p50: q(0.5), p95: q(0.95), max: q(1) },
            rssPeakMB: mb(rssPeak),
            heapUsedPeakMB: mb(heapPeak),
            logged,
            firstLogged: first,
            pool: settings.pool,
            callLogPoolMax: settings.callLogPoolMax,
          },
        });
        return;
      }
      case 'stop':
        void stop();
    }
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', baseUrl: `http://127.0.0.1:${port}`, sipUrl: `ws://127.0.0.1:${port}/sip` });
}

main().catch((err: unknown) => {
  process.send?.({ type: 'failed', error: String(err instanceof Error ? (err.stack ?? err.message) : err) } satisfies FromQueueServer);
  setTimeout(() => process.exit(1), 200);
});
