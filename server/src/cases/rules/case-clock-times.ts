// The stored times of a case's clocks: when each falls due and when it turns "at risk" (the
// policy's share of its time used). Stored once when a clock starts, so reading a case's SLA
// state is a comparison with now (case-next-due.ts).
import type { CaseKind, Priority, Severity } from '../../../../contract/index.js';
import type { BusinessCalendar } from './business-calendar.js';
import { addDuration, minutesBetween, type SlaDuration } from './sla-duration.js';
import { targetsFor, type SlaPolicy } from './sla-policy.js';

export interface ClockSubject {
  kind: CaseKind;
  category: string | null;
  severity: Severity | null;
  priority: Priority;
}

export interface ClockTimes {
  ackDueAt: Date | null;
  ackAtRiskAt: Date | null;
  resolveDueAt: Date;
  resolveAtRiskAt: Date;
}

function atRisk(calendar: BusinessCalendar, start: Date, d: SlaDuration, share: number): Date {
  return addDuration(calendar, start, { time: d.time, minutes: Math.max(0, Math.round(d.minutes * share * 1000) / 1000) } as SlaDuration);
}

/** Both clocks of a case started at `start` (acknowledgement for complaints only). */
export function clockTimes(policy: SlaPolicy, calendar: BusinessCalendar, subject: ClockSubject, start: Date): ClockTimes {
  const t = targetsFor(policy, subject);
  return {
    ackDueAt: t.acknowledge && addDuration(calendar, start, t.acknowledge),
    ackAtRiskAt: t.acknowledge && atRisk(calendar, start, t.acknowledge, policy.atRiskThreshold),
    resolveDueAt: addDuration(calendar, start, t.resolve),
    resolveAtRiskAt: atRisk(calendar, start, t.resolve, policy.atRiskThreshold),
  };
}

/**
 * The resolution clock after waiting for the customer: the time that was left when it paused
 * is left again from `now`. An at-risk point already passed stays passed.
 */
export function resumedResolveTimes(
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  subject: ClockSubject,
  pausedAt: Date,
  dueAt: Date,
  atRiskAt: Date | null,
  now: Date,
): { resolveDueAt: Date; resolveAtRiskAt: Date } {
  const basis = targetsFor(policy, subject).resolve.time;
  const left = Math.max(0, minutesBetween(calendar, basis, pausedAt, dueAt));
  const leftToRisk = atRiskAt ? Math.max(0, minutesBetween(calendar, basis, pausedAt, atRiskAt)) : 0;
  return {
    resolveDueAt: addDuration(calendar, now, { time: basis, minutes: left } as SlaDuration),
    resolveAtRiskAt: addDuration(calendar, now, { time: basis, minutes: leftToRisk } as SlaDuration),
  };
}

