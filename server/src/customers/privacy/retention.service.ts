// Retention: how long call notes, calls and audit entries are kept (an admin's setting; by
// default everything is kept), applied by a daily run that reports what it removed. The report
// is the run's audit entry (`retention.applied`, with the counts).
import {
  DEFAULT_RETENTION,
  RetentionPolicy,
  type RetentionReport,
  type RetentionSetting,
} from '../../../../contract/index.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { RequestContext } from '../../identity/request-context.js';
import type { Db } from '../../platform/db/database.js';
import type { SettingsRepository } from '../../platform/db/settings.repository.js';
import { DomainError } from '../../platform/domain-error.js';
import { msg } from '../../platform/i18n/message.js';
import type { RetentionRepository } from './data/retention.repository.js';

export const RETENTION_KEY = 'retention_policy';
const DAY_MS = 86_400_000;

export interface RetentionDeps {
  db: Db;
  settings: SettingsRepository;
  audit: AuditRepository;
  retention: RetentionRepository;
  now(): Date;
}

const before = (now: Date, days: number | null) => (days === null ? null : new Date(now.getTime() - days * DAY_MS));

export class RetentionService {
  constructor(private readonly d: RetentionDeps) {}

  async setting(): Promise<RetentionSetting> {
    const stored = await this.d.settings.get(RETENTION_KEY);
    const parsed = stored ? RetentionPolicy.safeParse(stored.value) : null;
    return { value: parsed?.success ? parsed.data : DEFAULT_RETENTION, version: stored?.version ?? 0, lastRun: await this.lastRun() };
  }

  async save(ctx: RequestContext, value: RetentionPolicy, version: number): Promise<RetentionSetting> {
    await this.d.db.transaction(async (trx) => {
      const saved = await this.d.settings.put(RETENTION_KEY, value, version, ctx.viewer.id, trx);
      if (saved === null) throw new DomainError('CONFLICT', msg('settings.changedMeanwhile'));
      await this.d.audit.write(
        { userId: ctx.viewer.id, action: 'settings.update', entity: 'settings', entityId: RETENTION_KEY, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail: { key: RETENTION_KEY, oldVersion: version, newVersion: saved, ...value } },
        trx,
      );
    });
    return this.setting();
  }

  /** One run: what the policy says is past its time goes; null when another server is running it. */
  async apply(userId: number | null = null): Promise<RetentionReport | null> {
    const now = this.d.now();
    const { value: p } = await this.setting();
    const counts = await this.d.retention.apply({
      callNotesBefore: before(now, p.callNotesDays),
      interactionsBefore: before(now, p.interactionsDays),
    });
    if (!counts) return null;
    await this.d.audit.write({ userId, action: 'retention.applied', entity: 'settings', entityId: RETENTION_KEY, outcome: 'allowed', rowCount: counts.callNotes + counts.interactions, detail: { ...counts, policy: p } });
    return { at: now.toISOString(), ...counts };
  }

  private async lastRun(): Promise<RetentionReport | null> {
    const row = await this.d.db('audit_log').where({ action: 'retention.applied' }).orderBy('id', 'desc').first('at', 'detail');
    if (!row) return null;
    const d = row.detail as { callNotes: number; interactions: number };
    return { at: new Date(row.at).toISOString(), callNotes: d.callNotes, interactions: d.interactions };
  }
}
