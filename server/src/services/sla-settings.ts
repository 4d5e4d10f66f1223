// The business calendar, SLA policy and follow-up policy in force. Stored as settings an admin
// can change; validated on the way in and out; defaults when nothing is stored.
import { z } from 'zod';
import { DomainError } from '../domain/domain-error.js';
import { officeHoursCalendar, parseBusinessCalendar, type BusinessCalendar } from '../domain/cases/business-calendar.js';
import { DEFAULT_FOLLOW_UP_POLICY, FollowUpPolicySchema, type FollowUpPolicy } from '../domain/cases/follow-up.js';
import { DEFAULT_SLA_POLICY, parseSlaPolicy, type SlaPolicy } from '../domain/cases/sla-policy.js';
import { invalid } from '../domain/domain-error.js';
import type { SettingsRepository } from '../repositories/settings.repository.js';

export interface SlaRules {
  calendar: BusinessCalendar;
  policy: SlaPolicy;
  followUp: FollowUpPolicy;
}

export const SLA_SETTING_KEYS = ['business_calendar', 'sla_policy', 'follow_up_policy'] as const;
export type SlaSettingKey = (typeof SLA_SETTING_KEYS)[number];

function parseFollowUp(input: unknown): FollowUpPolicy {
  const r = FollowUpPolicySchema.safeParse(input);
  if (r.success) return r.data;
  throw invalid(r.error.issues.map((i) => ({ field: i.path.join('.') || 'policy', message: i.message })));
}

const PARSERS: Record<SlaSettingKey, (v: unknown) => unknown> = {
  business_calendar: parseBusinessCalendar,
  sla_policy: parseSlaPolicy,
  follow_up_policy: parseFollowUp,
};

export const SettingKeyParam = z.object({ key: z.enum(SLA_SETTING_KEYS) }).strict();

export class SlaSettings {
  private cached: SlaRules | null = null;

  constructor(
    private readonly settings: SettingsRepository,
    /** The calendar's zone when none is stored: Monday to Friday, 09:00–18:00 there. */
    private readonly defaultTimeZone: string,
  ) {}

  async rules(): Promise<SlaRules> {
    if (this.cached) return this.cached;
    const [cal, policy, followUp] = await Promise.all(SLA_SETTING_KEYS.map((k) => this.settings.get(k)));
    this.cached = {
      calendar: cal ? parseBusinessCalendar(cal.value) : officeHoursCalendar(this.defaultTimeZone),
      policy: policy ? parseSlaPolicy(policy.value) : DEFAULT_SLA_POLICY,
      followUp: followUp ? parseFollowUp(followUp.value) : DEFAULT_FOLLOW_UP_POLICY,
    };
    return this.cached;
  }

  async get(key: SlaSettingKey): Promise<{ value: unknown; version: number }> {
    const stored = await this.settings.get(key);
    if (stored) return { value: PARSERS[key](stored.value), version: stored.version };
    const r = await this.rules();
    const value = key === 'business_calendar' ? r.calendar : key === 'sla_policy' ? r.policy : r.followUp;
    return { value, version: 0 };
  }

  /** Saves a validated value; the version is the one the editor saw (0 when none was stored). */
  async put(key: SlaSettingKey, value: unknown, version: number, userId: number): Promise<{ value: unknown; version: number }> {
    const parsed = PARSERS[key](value);
    const saved = await this.settings.put(key, parsed, version, userId);
    if (saved === null) throw new DomainError('CONFLICT', 'These settings were changed by someone else; reload and try again');
    this.cached = null;
    return { value: parsed, version: saved };
  }

  /** Drops the cache, e.g. after another process changed a setting. */
  forget(): void {
    this.cached = null;
  }
}
