// Child process of the floor benchmark: the production wiring (compose.ts) over the benchmark's
// database, in its own event loop so its event-loop delay and memory are its own. Driven over IPC
// by run-floor.ts; it also plays the switch's side of queue calls (a caller arrives, waits, hangs
// up), so call facts flow at the asked rate without SIP traffic in the measurement.
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { composeServer, createServices } from '../../../server/src/compose.js';
import { createDb, warmPool } from '../../../server/src/platform/db/database.js';
import type { Logger } from '../../../server/src/platform/logger.js';
import { dbSettings } from '../db-settings.js';

export type ToFloorServer = { type: 'calls'; perSecond: number; seconds: number; hotline: string } | { type: 'mark' } | { type: 'report' } | { type: 'stop' };

export interface FloorServerReport {
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  rssPeakMB: number;
  heapUsedPeakMB: number;
  callEvents: number;
}

export type FromFloorServer =
  | { type: 'ready'; baseUrl: string }
  | { type: 'marked' }
  | { type: 'calls-done'; events: number }
  | { type: 'report'; report: FloorServerReport }
  | { type: 'failed'; error: string };

const mb = (b: number): number => Math.round((b / 1048576) * 10) / 10;
const ms = (ns: number): number => Math.round(ns / 1e4) / 100;

async function main(): Promise<void> {
  const send = (m: FromFloorServer): void => void process.send?.(m);
  const url = process.env.BENCH_FLOOR_DB_URL;
  if (!url) throw new Error('BENCH_FLOOR_DB_URL is not set');
  const settings = dbSettings();
  const db = createDb(url, settings.pool.max, settings.pool.min);
  const callLogDb = createDb(url, settings.callLogPoolMax, 1);
  await warmPool(db, settings.pool.min);
  const log = pino({ level: 'error' }) as unknown as Logger;
  const services = createServices(db, { sessionTtlMs: 12 * 3_600_000, defaultRegion: 'CN' });
  const composed = composeServer(services, {
    log,
    secureCookies: false,
    sessionTtlMs: 12 * 3_600_000,
    consoleDir: null,
    publicUrl: null,
    sipDomain: 'kefu.bench',
    defaultRegion: 'CN',
    demo: false,
    callLogDb,
  });
  await composed.start();
  await new Promise<void>((resolve) => composed.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = composed.server.address() as AddressInfo;

  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let rssPeak = 0;
  let heapPeak = 0;
  let callEvents = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 250);

  let seq = 0;
  /** Callers arrive at a steady rate and hang up after 1–3 s: two call facts each (queued, ended). */
  function runCalls(perSecond: number, seconds: number, hotline: string): void {
    const cc = composed.callCenter;
    const total = perSecond * seconds;
    let started = 0;
    const tick = setInterval(() => {
      for (let i = 0; i < perSecond / 10 && started < total; i++, started++) {
        const callId = `floor-bench-${++seq}`;
        cc.queueCallArrived({ callId, sipCallId: `${callId}@bench`, callerNumber: `+86139${String(seq % 1e8).padStart(8, '0')}`, callerDisplayName: null, dialled: hotline });
        callEvents += 1;
        setTimeout(() => {
          cc.callerLeft(callId);
          callEvents += 1;
        }, 1000 + Math.random() * 2000);
      }
      if (started >= total) {
        clearInterval(tick);
        setTimeout(() => send({ type: 'calls-done', events: callEvents }), 3_500);
      }
    }, 100);
  }

  const stop = async (): Promise<void> => {
    clearInterval(sampler);
    setTimeout(() => process.exit(0), 10_000).unref();
    await composed.close().catch(() => undefined);
    await callLogDb.destroy().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (m: ToFloorServer) => {
    switch (m.type) {
      case 'calls':
        return runCalls(m.perSecond, m.seconds, m.hotline);
      case 'mark':
        delay.reset();
        rssPeak = 0;
        heapPeak = 0;
        callEvents = 0;
        return send({ type: 'marked' });
      case 'report':
        return send({
          type: 'report',
          report: {
            eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
            rssPeakMB: mb(rssPeak),
            heapUsedPeakMB: mb(heapPeak),
            callEvents,
          },
        });
      case 'stop':
        return void stop();
    }
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', baseUrl: `http://127.0.0.1:${port}` });
}

main().catch((err: unknown) => {
  process.send?.({ type: 'failed', error: String(err instanceof Error ? (err.stack ?? err.message) : err) } satisfies FromFloorServer);
  setTimeout(() => process.exit(1), 200);
});
