// The shapes of the settings an admin edits, as the server validates them. The server's schemas
// are the source of truth; these mirror them for the editors (they are not in the shared contract).

export type TimeBasis = 'business' | 'calendar';

/** An SLA duration: minutes of business time (opening hours only) or of calendar time (24×7). */
export interface SlaDuration {
  time: TimeBasis;
  minutes: number;
}

/** One stretch of opening hours, 'HH:MM' local time ('24:00' = end of the day). */
export interface OpeningHours {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  timeZone: string;
  /** Index 0 = Sunday … 6 = Saturday; an empty list is a closed day. */
  weeklyHours: OpeningHours[][];
  holidays: string[];
  extraWorkingDays: string[];
  /** The weekday whose hours a make-up working day has; Monday when absent. */
  extraWorkingDayHoursFrom?: number;
}

export const SEVERITY_KEYS = ['low', 'medium', 'high', 'critical'] as const;
export const TICKET_PRIORITY_KEYS = ['P1', 'P2', 'P3', 'P4'] as const;

export interface ComplaintTargets {
  acknowledge: SlaDuration;
  resolve: SlaDuration;
}

export interface SlaPolicy {
  complaints: {
    bySeverity: Record<(typeof SEVERITY_KEYS)[number], ComplaintTargets>;
    /** Per-category exceptions; edited elsewhere, kept as they are on save. */
    byCategory?: Record<string, unknown>;
  };
  tickets: { resolve: Record<(typeof TICKET_PRIORITY_KEYS)[number], SlaDuration> };
  /** Share of a clock's time used from which it shows (and escalates) as at risk, 0 < x < 1. */
  atRiskThreshold: number;
}

export interface FollowUpPolicy {
  retryDelay: SlaDuration;
  maxAttempts: number;
  confirmAfterResolve: { complaint: SlaDuration | null; ticket: SlaDuration | null };
}

export interface SettingValues {
  business_calendar: BusinessCalendar;
  sla_policy: SlaPolicy;
  follow_up_policy: FollowUpPolicy;
}

export type SettingKey = keyof SettingValues;
