// Where an SLA clock stands now, and the pause of the resolve clock while a case waits for the customer.
//
// A clock is its target (basis and budget in minutes), its due time, and when it stopped
// (acknowledged_at for the acknowledge clock, resolved_at for the resolve clock).
//
// Pending customer pauses the resolve clock, as is common practice: the time a case waits for
// the customer's answer is not the team's. The acknowledge clock never pauses. What the server
// stores for this is one column, resolve_paused_since (null when not paused):
//   - entering pending_customer: pauseClock() gives pausedSince;
//   - leaving it (open or resolve): resumeClock() moves resolve_due_at later by the paused time
//     (only if the pause began before the due time; a breach that happened stays a breach).
// The due time in the database thus always holds the real deadline, which keeps "due soonest"
// lists a plain ORDER BY.
import { DomainError } from '../../platform/domain-error.js';
import type { BusinessCalendar } from './business-calendar.js';
import { DEFAULT_AT_RISK_THRESHOLD } from './sla-policy.js';
import { addDuration, minutesBetween, type SlaDuration } from './sla-duration.js';
import { msg } from '../../platform/i18n/message.js';

export const SLA_STATUSES = ['on_track', 'at_risk', 'breached', 'met'] as const;
/** 'breached' also covers a clock stopped after its due time; 'met' is a clock stopped in time. */
export type SlaStatus = (typeof SLA_STATUSES)[number];

export type SlaClockName = 'acknowledge' | 'resolve';

export interface SlaClock {
  target: SlaDuration;
  dueAt: Date;
  /** When the clock was met: acknowledged_at / resolved_at. Null while it runs. */
  stoppedAt: Date | null;
  /** Set while the resolve clock is paused (case pending customer). */
  pausedSince?: Date | null;
}

export interface ClockReading {
  status: SlaStatus;
  /** False once the clock has stopped. */
  running: boolean;
  paused: boolean;
  dueAt: Date;
  /** Whole minutes of the clock's basis left until due, rounded down; negative when overdue. */
  minutesLeft: number;
  /** Share of the budget used (0 … 1 in time, above 1 when overdue). */
  usedFraction: number;
}

/**
 * Reads a clock at `now`. A paused clock reads as at the moment it was paused; a stopped one as
 * at the moment it stopped. Breached means the deadline instant has passed, even after hours
 * when no business minute has gone by since.
 */
export function readClock(clock: SlaClock, calendar: BusinessCalendar, now: Date, atRiskThreshold = DEFAULT_AT_RISK_THRESHOLD): ClockReading {
  let end = clock.stoppedAt ?? now;
  const paused = clock.stoppedAt === null && clock.pausedSince != null;
  if (clock.pausedSince && clock.pausedSince < end) end = clock.pausedSince;
  const left = minutesBetween(calendar, clock.target.time, end, clock.dueAt);
  const usedFraction = Math.max(0, (clock.target.minutes - left) / clock.target.minutes);
  const late = end.getTime() > clock.dueAt.getTime();
  const status: SlaStatus =
    clock.stoppedAt !== null ? (late ? 'breached' : 'met') : late ? 'breached' : usedFraction >= atRiskThreshold ? 'at_risk' : 'on_track';
  return { status, running: clock.stoppedAt === null, paused, dueAt: clock.dueAt, minutesLeft: Math.floor(left) + 0, usedFraction };
}

export interface CaseClocks {
  /** Complaints only. */
  acknowledge: SlaClock | null;
  resolve: SlaClock | null;
}

export interface NextDue extends ClockReading {
  clock: SlaClockName;
}

/**
 * The clock to show on a case: the running clock due first, preferring one that is not paused
 * (a paused deadline will move). Null when no clock runs; readClock() then tells met from breached.
 */
export function nextDue(item: CaseClocks, calendar: BusinessCalendar, now: Date, atRiskThreshold = DEFAULT_AT_RISK_THRESHOLD): NextDue | null {
  const candidates: NextDue[] = [];
  for (const name of ['acknowledge', 'resolve'] as const) {
    const clock = item[name];
    if (clock && clock.stoppedAt === null) candidates.push({ clock: name, ...readClock(clock, calendar, now, atRiskThreshold) });
  }
  candidates.sort((a, b) => Number(a.paused) - Number(b.paused) || a.dueAt.getTime() - b.dueAt.getTime());
  return candidates[0] ?? null;
}

export function pauseClock(clock: SlaClock, now: Date): { pausedSince: Date } {
  if (clock.stoppedAt !== null) throw new DomainError('CONFLICT', msg('sla.stoppedCannotPause'));
  if (clock.pausedSince) throw new DomainError('CONFLICT', msg('sla.alreadyPaused'));
  return { pausedSince: now };
}

export interface ResumedClock {
  dueAt: Date;
  pausedSince: null;
  /** Minutes of the clock's basis credited back, for reporting (0 when the pause began after due). */
  pausedMinutes: number;
}

/** Ends a pause: the due time moves later by the paused time, so the time left is what it was. */
export function resumeClock(clock: SlaClock, calendar: BusinessCalendar, now: Date): ResumedClock {
  const since = clock.pausedSince;
  if (!since) throw new DomainError('CONFLICT', msg('sla.notPaused'));
  if (since >= clock.dueAt || now <= since) return { dueAt: clock.dueAt, pausedSince: null, pausedMinutes: 0 };
  const pausedMinutes = minutesBetween(calendar, clock.target.time, since, now);
  // Zero paused business minutes (a pause over a night) leaves the deadline where it was.
  if (pausedMinutes === 0) return { dueAt: clock.dueAt, pausedSince: null, pausedMinutes };
  const dueAt = addDuration(calendar, clock.dueAt, { time: clock.target.time, minutes: pausedMinutes });
  return { dueAt, pausedSince: null, pausedMinutes };
}
