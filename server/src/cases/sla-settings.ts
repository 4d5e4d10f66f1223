// The business calendar, SLA policy and follow-up policy in force. Stored as settings an admin
// can change; validated on the way in and out; defaults when nothing is stored.
import { z } from 'zod';
import { SETTING_KEYS, SettingKey, type SettingValues, type StoredSetting } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { DomainError } from '../platform/domain-error.js';
import { localDayBounds, officeHoursCalendar, parseBusinessCalendar, type BusinessCalendar } from './rules/business-calendar.js';
import { DEFAULT_FOLLOW_UP_POLICY, FollowUpPolicySchema, type FollowUpPolicy } from './rules/follow-up.js';
import { DEFAULT_SLA_POLICY, parseSlaPolicy, type SlaPolicy } from './rules/sla-policy.js';
import { fieldsOfIssues } from '../platform/zod-fields.js';
import { invalid } from '../platform/domain-error.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { SettingsRepository } from '../platform/db/settings.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { msg } from '../platform/i18n/message.js';

export interface SlaRules {
  calendar: BusinessCalendar;
  policy: SlaPolicy;
  followUp: FollowUpPolicy;
}

export interface SlaSettingsDeps {
  db: Db;
  settings: SettingsRepository;
  audit: AuditRepository;
}

function parseFollowUp(input: unknown): FollowUpPolicy {
  const r = FollowUpPolicySchema.safeParse(input);
  if (r.success) return r.data;
  throw invalid(fieldsOfIssues(r.error.issues, '', 'policy'));
}

const PARSERS: { [K in SettingKey]: (v: unknown) => SettingValues[K] } = {
  business_calendar: parseBusinessCalendar,
  sla_policy: parseSlaPolicy,
  follow_up_policy: parseFollowUp,
};

export const SettingKeyParam = z.object({ key: SettingKey }).strict();

export class SlaSettings {
  private cached: SlaRules | null = null;

  constructor(
    private readonly d: SlaSettingsDeps,
    /** The calendar's zone when none is stored: Monday to Friday, 09:00–18:00 there. */
    private readonly defaultTimeZone: string,
  ) {}

  async rules(): Promise<SlaRules> {
    if (this.cached) return this.cached;
    const [cal, policy, followUp] = await Promise.all(SETTING_KEYS.map((k) => this.d.settings.get(k)));
    this.cached = {
      calendar: cal ? parseBusinessCalendar(cal.value) : officeHoursCalendar(this.defaultTimeZone),
      policy: policy ? parseSlaPolicy(policy.value) : DEFAULT_SLA_POLICY,
      followUp: followUp ? parseFollowUp(followUp.value) : DEFAULT_FOLLOW_UP_POLICY,
    };
    return this.cached;
  }

  /**
   * The local day around `at` in the business calendar's zone: "today" for due-today lists and
   * the agent's calls of the day, whatever zone the server process runs in.
   */
  async dayOf(at: Date): Promise<{ start: Date; end: Date }> {
    const { start, end } = localDayBounds((await this.rules()).calendar, at);
    return { start, end };
  }

  async get<K extends SettingKey>(key: K): Promise<StoredSetting<K>> {
    const stored = await this.d.settings.get(key);
    if (stored) return { value: PARSERS[key](stored.value), version: stored.version };
    const r = await this.rules();
    const defaults: SettingValues = { business_calendar: r.calendar, sla_policy: r.policy, follow_up_policy: r.followUp };
    return { value: defaults[key], version: 0 };
  }

  /**
   * Saves a validated value; the version is the one the editor saw (0 when none was stored). The
   * audit entry is written in the same transaction, so no change goes unrecorded and no record
   * names a change that was rolled back.
   */
  async put<K extends SettingKey>(ctx: RequestContext, key: K, value: unknown, version: number): Promise<StoredSetting<K>> {
    const parsed = PARSERS[key](value);
    const saved = await this.d.db.transaction(async (trx) => {
      const next = await this.d.settings.put(key, parsed, version, ctx.viewer.id, trx);
      if (next === null) throw new DomainError('CONFLICT', msg('settings.changedMeanwhile'));
      await this.d.audit.write(
        {
          userId: ctx.viewer.id,
          action: 'settings.update',
          entity: 'settings',
          entityId: key,
          outcome: 'allowed',
          ip: ctx.ip,
          requestId: ctx.requestId,
          detail: { key, oldVersion: version, newVersion: next },
        },
        trx,
      );
      return next;
    });
    this.cached = null;
    return { value: parsed, version: saved };
  }

  /** Drops the cache, e.g. after another process changed a setting. */
  forget(): void {
    this.cached = null;
  }
}
