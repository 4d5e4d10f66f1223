// Backups while kefu runs: the daily one and one an admin asks for. Each run is recorded with
// its result; a failure is logged, audited and pushed to every admin, because a backup that
// silently stopped working is found out only on the day it is needed.
import type { BackupOverview, BackupRunView, BackupTrigger, Locale } from '../../../contract/index.js';
import type { Clock } from '../platform/clock.js';
import { DomainError } from '../platform/domain-error.js';
import { localizeMessage } from '../platform/i18n/localize.js';
import { msg, type Message } from '../platform/i18n/message.js';
import type { Logger } from '../platform/logger.js';
import { nextTimeOfDay } from '../platform/time-of-day.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { BackupError } from './backup-error.js';
import type { BackupRun, BackupRunRepository } from './data/backup-runs.repository.js';
import type { BackupWritten } from './data/backup-file.js';

export interface BackupSchedule {
  dir: string;
  /** HH:MM in timeZone; null: no daily backup. */
  time: string | null;
  keep: number;
  timeZone: string;
}

export interface BackupNotifier {
  /** Each admin gets the run with its message in their own language. */
  backupFinished(adminId: number, view: BackupRunView): void;
}

export interface BackupDeps {
  runs: BackupRunRepository;
  audit: AuditRepository;
  clock: Clock;
  log: Logger;
  notifier: BackupNotifier;
  schedule: BackupSchedule;
  serverId: string | null;
  /** Writes one backup file into schedule.dir (backup-file.ts, with the keyring and pg_dump). */
  dump(at: Date): Promise<BackupWritten>;
  /** Deletes backups beyond the newest `keep`; answers the names deleted. */
  prune(keep: number): Promise<string[]>;
}

export function runView(run: BackupRun, locale: Locale): BackupRunView {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    fileName: run.fileName,
    sizeBytes: run.sizeBytes,
    error: run.error ? localizeMessage(run.error, locale) : null,
  };
}

export class BackupService {
  private running: Promise<BackupRun | null> | null = null;

  constructor(private readonly d: BackupDeps) {}

  /** An admin's "back up now": starts it and answers at once with the run under way. */
  async runNow(ctx: RequestContext, locale: Locale): Promise<BackupRunView> {
    if (this.running) throw new DomainError('CONFLICT', msg('backup.alreadyRunning'));
    // Audited before the run starts, so the request comes before its result in the log.
    const { id } = this.start('manual', null, ctx.viewer.id, (runId) =>
      this.d.audit.write({ userId: ctx.viewer.id, action: 'backup.run', entity: 'backup', entityId: runId, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId }),
    );
    return runView(await this.d.runs.get((await id)!), locale);
  }

  /** The daily run for the slot `slot`; null when another server sharing the database took it. */
  runScheduled(slot: Date): Promise<BackupRun | null> {
    if (this.running) return this.running.then(() => this.runScheduled(slot));
    return this.start('scheduled', slot, null).done;
  }

  /** Resolves once no run is under way: the idle signal for tests and shut-down. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private start(
    trigger: BackupTrigger,
    slot: Date | null,
    requestedBy: number | null,
    beforeRun?: (id: number) => Promise<void>,
  ): { id: Promise<number | null>; done: Promise<BackupRun | null> } {
    const at = new Date(this.d.clock.now());
    const id = this.d.runs.start({ trigger, scheduledFor: slot, requestedBy, serverId: this.d.serverId, at });
    const done = id.then(async (runId) => {
      if (runId === null) return null;
      await beforeRun?.(runId);
      return this.run(runId);
    });
    this.running = done.finally(() => (this.running = null));
    return { id, done: this.running };
  }

  private async run(id: number): Promise<BackupRun> {
    let error: Message | null = null;
    try {
      const written = await this.d.dump(new Date(this.d.clock.now()));
      await this.d.runs.succeeded(id, { at: new Date(this.d.clock.now()), fileName: written.fileName, sizeBytes: written.bytes, keyId: written.keyId });
      const deleted = await this.d.prune(this.d.schedule.keep).catch((err: unknown) => {
        this.d.log.error({ err }, 'old backups could not be deleted');
        return [];
      });
      this.d.log.info({ file: written.file, bytes: written.bytes, deleted }, 'backup written');
      await this.d.audit.write({ userId: null, action: 'backup.completed', entity: 'backup', entityId: id, outcome: 'allowed', detail: { file: written.fileName, bytes: written.bytes, deleted: deleted.length } });
    } catch (err) {
      error = err instanceof BackupError ? err.messageKey : msg('backup.failed');
      this.d.log.error({ err, backupRun: id }, 'backup failed');
      await this.d.runs.failed(id, { at: new Date(this.d.clock.now()), error });
      await this.d.audit
        .write({ userId: null, action: 'backup.failed', entity: 'backup', entityId: id, outcome: 'allowed', detail: { reason: error.key } })
        .catch((e: unknown) => this.d.log.error({ err: e }, 'backup failure not audited'));
    }
    const run = await this.d.runs.get(id);
    await this.notify(run);
    return run;
  }

  private async notify(run: BackupRun): Promise<void> {
    try {
      for (const admin of await this.d.runs.admins()) this.d.notifier.backupFinished(admin.id, runView(run, admin.locale ?? 'en'));
    } catch (err) {
      this.d.log.error({ err }, 'admins not told about the backup');
    }
  }

  /** The next daily run after now, or null when the daily backup is off. */
  nextAt(): Date | null {
    const { time, timeZone } = this.d.schedule;
    return time === null ? null : new Date(nextTimeOfDay(this.d.clock.now(), time, timeZone));
  }

  async overview(locale: Locale): Promise<BackupOverview> {
    const recent = await this.d.runs.recent(10);
    const lastSucceeded = recent.find((r) => r.status === 'succeeded') ?? (await this.d.runs.lastSucceeded());
    const { time, timeZone, keep, dir } = this.d.schedule;
    return {
      last: recent[0] ? runView(recent[0], locale) : null,
      lastSucceeded: lastSucceeded ? runView(lastSucceeded, locale) : null,
      recent: recent.map((r) => runView(r, locale)),
      schedule: { time, timeZone, keep, directory: dir, nextAt: this.nextAt()?.toISOString() ?? null },
    };
  }
}
