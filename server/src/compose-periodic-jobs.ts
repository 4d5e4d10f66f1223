import type { Logger } from 'pino';
import type { Clock } from './platform/clock.js';
import { HEARTBEAT_MS } from './platform/db/server-heartbeat.js';

/** What the repeating jobs of one server run: each step is its own service's. */
export interface PeriodicWork {
  /** This server's heartbeat. */
  beat(): Promise<void>;
  /** Closes the calls of servers whose heartbeat stopped. */
  closeGone(): Promise<void>;
  /** Retention of calls and notes; null when another server holds the lock this time. */
  applyRetention(): Promise<unknown | null>;
  /** Removes audit entries past their period (chain kept by an anchor). */
  purgeAudit(): Promise<{ purged: number }>;
  /** Removes recordings past their period and orphaned files. */
  applyRecordingRetention(now: Date): Promise<{ removed: number; orphans: number }>;
}

/**
 * The heartbeat (and on each beat a look for servers whose heartbeat stopped) and retention
 * (a minute after start, then every period; one server at a time through an advisory lock).
 * Timers go through the clock so tests drive them; `close` waits for the run in flight, so the
 * database is never closed under a job.
 */
export function createPeriodicJobs(work: PeriodicWork, clock: Clock, retentionEveryMs: number | undefined, log: Logger) {
  let stopped = false;
  let beatTimer: unknown = null;
  let beating: Promise<void> = Promise.resolve();
  let retentionTimer: unknown = null;
  let retaining: Promise<unknown> = Promise.resolve();

  const scheduleBeat = (): void => {
    if (stopped) return;
    beatTimer = clock.setTimeout(() => {
      beating = work
        .beat()
        .then(() => work.closeGone())
        .catch((err: unknown) => log.error({ err }, 'server heartbeat failed'))
        .finally(scheduleBeat);
    }, HEARTBEAT_MS);
  };

  const scheduleRetention = (ms: number): void => {
    if (stopped || !retentionEveryMs) return;
    retentionTimer = clock.setTimeout(() => {
      retaining = work
        .applyRetention()
        .then(async (report) => {
          if (!report) return; // another server is running it
          log.info({ retention: report }, 'retention applied');
          const purge = await work.purgeAudit();
          if (purge.purged > 0) log.info({ auditPurge: purge }, 'old audit entries purged');
        })
        .then(() => work.applyRecordingRetention(new Date(clock.now())))
        .then((run) => (run.removed || run.orphans) && log.info({ recordings: run }, 'recording retention applied'))
        .catch((err: unknown) => log.error({ err }, 'retention run failed'))
        .finally(() => scheduleRetention(retentionEveryMs));
    }, ms);
  };

  return {
    /** Resolves once the beat in flight (and its look for gone servers) is done. */
    serversSettled: (): Promise<void> => beating,
    start(): void {
      scheduleBeat();
      scheduleRetention(60_000);
    },
    async close(): Promise<void> {
      stopped = true;
      clock.clearTimeout(beatTimer);
      clock.clearTimeout(retentionTimer);
      await beating;
      await retaining;
    },
  };
}
