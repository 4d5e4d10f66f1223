// The settings an admin edits under Settings: the business calendar, the SLA policy and the
// follow-up policy, each stored under its key with a version. The server validates with these
// schemas (their messages say what to fix) and the console edits values of the inferred types;
// the rules that use them live in server/src/cases/rules.
import { z } from 'zod';
import { coded } from './messages.js';
import { ComplaintCategory, Severity } from './domain.js';

// ── durations ────────────────────────────────────────────────────────────────

export const TIME_BASES = ['business', 'calendar'] as const;
/** 'business': only the calendar's opening hours count. 'calendar': every minute counts (24×7). */
export const TimeBasis = z.enum(TIME_BASES);
export type TimeBasis = z.infer<typeof TimeBasis>;

// A year is far beyond any sensible SLA and keeps a mistyped value from walking decades of days.
const MAX_MINUTES = 366 * 24 * 60;

/**
 * An SLA duration: minutes, never "business days", because the at-risk warning compares time used
 * with time allowed and that needs one unit.
 */
export const SlaDuration = z
  .object({
    time: TimeBasis,
    minutes: z.number().int().positive().refine((m) => m <= MAX_MINUTES, coded('sla.longerThanAYear')),
  })
  .strict();
export type SlaDuration = z.infer<typeof SlaDuration>;

// ── business calendar ────────────────────────────────────────────────────────

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after local midnight of 'HH:MM' ('24:00' = 1440, the end of the day). */
export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const isTimeOfDay = (s: string) => HH_MM.test(s) || s === '24:00';

/** The zone's canonical IANA name (e.g. 'asia/shanghai' → 'Asia/Shanghai'), or null when unknown. */
export function canonicalTimeZone(timeZone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** 'YYYY-MM-DD' naming a day that exists: 2026-02-30 would roll over to March. */
function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d;
}

const TimeOfDay = z.string().refine(isTimeOfDay, coded('calendar.timeOfDay'));

/** One stretch of opening hours in local wall-clock time, e.g. 09:00–12:00. */
export const OpeningHours = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  .strict()
  .refine((h) => !isTimeOfDay(h.start) || !isTimeOfDay(h.end) || minutesOfDay(h.end) > minutesOfDay(h.start), {
    // Hours never wrap past midnight: a night shift is two intervals on two weekdays.
    ...coded('calendar.endAfterStart'),
    path: ['end'],
  });
export type OpeningHours = z.infer<typeof OpeningHours>;

const DayHours = z
  .array(OpeningHours)
  .max(12)
  .superRefine((list, ctx) => {
    const valid = list
      .map((h, index) => ({ h, index }))
      .filter(({ h }) => isTimeOfDay(h.start) && isTimeOfDay(h.end))
      .sort((a, b) => minutesOfDay(a.h.start) - minutesOfDay(b.h.start));
    for (let i = 1; i < valid.length; i++) {
      const prev = valid[i - 1]!.h;
      const cur = valid[i]!;
      if (minutesOfDay(cur.h.start) < minutesOfDay(prev.end)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [cur.index],
          ...coded('calendar.overlap', { start: cur.h.start, end: cur.h.end, otherStart: prev.start, otherEnd: prev.end }),
        });
      }
    }
  });

const LocalDate = z.string().refine(isRealDate, coded('calendar.realDate'));

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const BusinessCalendar = z
  .object({
    /** IANA zone the hours, holidays and extra days are written in, e.g. 'Asia/Shanghai'. */
    timeZone: z.string().transform((s, ctx) => {
      const canonical = canonicalTimeZone(s);
      if (canonical) return canonical;
      ctx.addIssue({ code: z.ZodIssueCode.custom, ...coded('calendar.unknownTimeZone', { zone: s }) });
      return z.NEVER;
    }),
    /** Opening hours per weekday, index 0 = Sunday … 6 = Saturday; an empty list is a closed day. */
    weeklyHours: z
      .array(DayHours)
      .refine((days) => days.length === 7, coded('calendar.sevenWeekdays')),
    /** Closed all day, whatever the weekday ('YYYY-MM-DD' in the calendar's zone). */
    holidays: z.array(LocalDate).max(2000),
    /** Worked although the weekday is normally closed (make-up days); they use `extraWorkingDayHoursFrom`. */
    extraWorkingDays: z.array(LocalDate).max(2000),
    /** Whose hours an extra working day has: a weekday number, Monday (1) when absent. */
    extraWorkingDayHoursFrom: z.number().int().min(0).max(6).optional(),
  })
  .strict()
  .superRefine((cal, ctx) => {
    // Without any open weekday nothing could ever fall due.
    if (cal.weeklyHours.length === 7 && cal.weeklyHours.every((d) => d.length === 0)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['weeklyHours'], ...coded('calendar.someOpenWeekday') });
    }
    const from = cal.extraWorkingDayHoursFrom ?? 1;
    if (cal.extraWorkingDays.length > 0 && cal.weeklyHours[from]?.length === 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['extraWorkingDayHoursFrom'],
        ...coded('calendar.extraDayHoursMissing', { weekday: WEEKDAY_NAMES[from] ?? String(from) }),
      });
    }
    const holidays = new Set(cal.holidays);
    cal.extraWorkingDays.forEach((d, i) => {
      if (holidays.has(d)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['extraWorkingDays', i], ...coded('calendar.holidayAndExtraDay', { date: d }) });
      }
    });
  });
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;

// ── SLA policy ───────────────────────────────────────────────────────────────

export const DEFAULT_AT_RISK_THRESHOLD = 0.75;

const ComplaintTargets = z.object({ acknowledge: SlaDuration, resolve: SlaDuration }).strict();
/** A category's exception for one severity: either target, or both; the other comes from the severity. */
export const TargetOverride = z.object({ acknowledge: SlaDuration.optional(), resolve: SlaDuration.optional() }).strict();
export type TargetOverride = z.infer<typeof TargetOverride>;
const SeverityOverrides = z
  .object({
    low: TargetOverride.optional(),
    medium: TargetOverride.optional(),
    high: TargetOverride.optional(),
    critical: TargetOverride.optional(),
  })
  .strict();

const ComplaintPolicy = z
  .object({
    bySeverity: z.object({ low: ComplaintTargets, medium: ComplaintTargets, high: ComplaintTargets, critical: ComplaintTargets }).strict(),
    /** Per-category exceptions; anything not given falls back to `bySeverity`. */
    byCategory: z
      .object({
        product: SeverityOverrides.optional(),
        service: SeverityOverrides.optional(),
        billing: SeverityOverrides.optional(),
        staff: SeverityOverrides.optional(),
        other: SeverityOverrides.optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

/** A complaint's targets: the category's exception where it has one, else the severity's. */
export function complaintTargets(
  policy: { complaints: z.infer<typeof ComplaintPolicy> },
  category: ComplaintCategory,
  severity: Severity,
): z.infer<typeof ComplaintTargets> {
  const base = policy.complaints.bySeverity[severity];
  const own = policy.complaints.byCategory[category]?.[severity];
  return { acknowledge: own?.acknowledge ?? base.acknowledge, resolve: own?.resolve ?? base.resolve };
}

export const SlaPolicy = z
  .object({
    complaints: ComplaintPolicy,
    tickets: z.object({ resolve: z.object({ P1: SlaDuration, P2: SlaDuration, P3: SlaDuration, P4: SlaDuration }).strict() }).strict(),
    /** Share of a clock's time used from which it shows (and escalates) as at risk. */
    atRiskThreshold: z.number().gt(0).lt(1).default(DEFAULT_AT_RISK_THRESHOLD),
  })
  .strict()
  .superRefine((policy, ctx) => {
    // An acknowledgement due after the resolution is a configuration slip; only comparable when
    // both run on the same time basis. Reported once, at the field that was set.
    const ackAfterResolve = (t: { acknowledge: SlaDuration; resolve: SlaDuration }) =>
      t.acknowledge.time === t.resolve.time && t.acknowledge.minutes > t.resolve.minutes;
    for (const severity of Severity.options) {
      if (ackAfterResolve(policy.complaints.bySeverity[severity])) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['complaints', 'bySeverity', severity, 'acknowledge'],
          ...coded('sla.ackAfterResolve', { severity }),
        });
      }
      for (const category of ComplaintCategory.options) {
        const own = policy.complaints.byCategory[category]?.[severity];
        if (!own || !ackAfterResolve(complaintTargets(policy, category, severity))) continue;
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['complaints', 'byCategory', category, severity, own.acknowledge ? 'acknowledge' : 'resolve'],
          ...coded('sla.ackAfterResolveInCategory', { severity, category }),
        });
      }
    }
  });
export type SlaPolicy = z.infer<typeof SlaPolicy>;

// ── follow-up policy ─────────────────────────────────────────────────────────

export const FollowUpPolicy = z
  .object({
    /** Wait before calling again after not reaching the customer. */
    retryDelay: SlaDuration,
    /** Calls to try before giving up, the first one included. */
    maxAttempts: z.number().int().min(1).max(10),
    /** When the confirmation call is due after a case is resolved; null for no automatic call. */
    confirmAfterResolve: z.object({ complaint: SlaDuration.nullable(), ticket: SlaDuration.nullable() }).strict(),
  })
  .strict();
export type FollowUpPolicy = z.infer<typeof FollowUpPolicy>;

// ── settings by key (GET and PUT /api/settings/:key) ──────────────────────────

export const SETTING_KEYS = ['business_calendar', 'sla_policy', 'follow_up_policy'] as const;
export const SettingKey = z.enum(SETTING_KEYS);
export type SettingKey = z.infer<typeof SettingKey>;

/** The schema each key's value is validated with. */
export const SETTING_SCHEMAS = { business_calendar: BusinessCalendar, sla_policy: SlaPolicy, follow_up_policy: FollowUpPolicy } as const satisfies Record<
  SettingKey,
  z.ZodTypeAny
>;
export type SettingValues = { [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };

/** A setting as read or saved; version 0 while the built-in defaults are in force. */
export interface StoredSetting<K extends SettingKey> {
  value: SettingValues[K];
  version: number;
}

/**
 * GET /api/settings/center-zone: the contact center's time zone (its business calendar's) and its
 * home region (ISO 3166 code numbers without a country code belong to), for every signed-in user.
 */
export const CenterZone = z.object({ timeZone: z.string(), region: z.string().length(2) }).strict();
export type CenterZone = z.infer<typeof CenterZone>;
