import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/domain-error.js';
import { officeHoursCalendar } from './business-calendar.js';
import { nextDue, pauseClock, readClock, resumeClock, type SlaClock } from './sla-status.js';

const cal = officeHoursCalendar('Asia/Shanghai'); // Mon–Fri 09:00–18:00
const at = (local: string) => new Date(`${local}+08:00`);
const day: SlaClock['target'] = { time: 'business', minutes: 540 };

// A clock of one business day started Monday 2026-06-01 09:00: due the same day at 18:00.
const monday = (over: Partial<SlaClock> = {}): SlaClock => ({ target: day, dueAt: at('2026-06-01T18:00:00'), stoppedAt: null, ...over });

describe('readClock', () => {
  it.each([
    ['2026-06-01T12:00:00', 'on_track', 360],
    ['2026-06-01T15:44:00', 'on_track', 136],
    ['2026-06-01T15:45:00', 'at_risk', 135], // 75 % of 540 used
    ['2026-06-01T18:00:00', 'at_risk', 0], // due at 18:00 means done by 18:00
    ['2026-06-01T18:00:01', 'breached', 0], // past the deadline though no business minute has gone by
    ['2026-06-02T10:00:00', 'breached', -60],
  ] as const)('at %s reads %s with %d minutes left', (now, status, minutesLeft) => {
    const r = readClock(monday(), cal, at(now));
    expect(r).toMatchObject({ status, minutesLeft, running: true, paused: false });
  });

  it('reports the share of the budget used', () => {
    expect(readClock(monday(), cal, at('2026-06-01T11:15:00')).usedFraction).toBeCloseTo(0.25, 10);
    expect(readClock(monday(), cal, at('2026-06-02T13:30:00')).usedFraction).toBeCloseTo(1.5, 10);
    expect(readClock(monday(), cal, at('2026-05-29T12:00:00')).usedFraction).toBe(0);
  });

  it('rounds minutes left down, so it never promises more than there is', () => {
    expect(readClock(monday(), cal, at('2026-06-01T17:59:30')).minutesLeft).toBe(0);
    expect(readClock(monday(), cal, at('2026-06-02T09:00:30')).minutesLeft).toBe(-1);
  });

  it('takes a custom at-risk threshold', () => {
    expect(readClock(monday(), cal, at('2026-06-01T13:00:00'), 0.4).status).toBe('at_risk');
    expect(readClock(monday(), cal, at('2026-06-01T13:00:00'), 0.5).status).toBe('on_track');
  });

  it('is met when stopped in time, breached when stopped late, whenever it is read', () => {
    const later = at('2026-07-01T12:00:00');
    expect(readClock(monday({ stoppedAt: at('2026-06-01T18:00:00') }), cal, later)).toMatchObject({ status: 'met', running: false, minutesLeft: 0 });
    expect(readClock(monday({ stoppedAt: at('2026-06-02T09:30:00') }), cal, later)).toMatchObject({ status: 'breached', running: false, minutesLeft: -30 });
  });

  it('runs a calendar-time clock through closed hours', () => {
    const p1: SlaClock = { target: { time: 'calendar', minutes: 240 }, dueAt: at('2026-06-05T21:00:00'), stoppedAt: null };
    expect(readClock(p1, cal, at('2026-06-05T20:00:00'))).toMatchObject({ status: 'at_risk', minutesLeft: 60 });
    expect(readClock(p1, cal, at('2026-06-05T19:00:00'))).toMatchObject({ status: 'on_track', minutesLeft: 120 });
  });

  it('freezes while paused and counts a resolution during the pause as in time', () => {
    const paused = monday({ pausedSince: at('2026-06-01T12:00:00') });
    expect(readClock(paused, cal, at('2026-06-03T10:00:00'))).toMatchObject({ status: 'on_track', minutesLeft: 360, paused: true, running: true });
    const resolvedWhilePaused = monday({ pausedSince: at('2026-06-01T12:00:00'), stoppedAt: at('2026-06-03T10:00:00') });
    expect(readClock(resolvedWhilePaused, cal, at('2026-06-04T10:00:00'))).toMatchObject({ status: 'met', paused: false });
  });

  it('keeps a breach that happened before the pause', () => {
    const paused = monday({ pausedSince: at('2026-06-02T10:00:00') });
    expect(readClock(paused, cal, at('2026-06-09T10:00:00'))).toMatchObject({ status: 'breached', minutesLeft: -60 });
  });
});

describe('pause and resume', () => {
  it('moves the due time later by the paused business time, leaving the time left unchanged', () => {
    const clock = monday({ ...pauseClock(monday(), at('2026-06-01T12:00:00')) });
    const resumed = resumeClock(clock, cal, at('2026-06-03T10:00:00'));
    // Paused Mon 12:00 → Wed 10:00: 6 h + 9 h + 1 h = 960 minutes.
    expect(resumed).toEqual({ dueAt: at('2026-06-03T16:00:00'), pausedSince: null, pausedMinutes: 960 });
    const after = readClock({ ...clock, ...resumed }, cal, at('2026-06-03T10:00:00'));
    expect(after).toMatchObject({ status: 'on_track', minutesLeft: 360, paused: false });
  });

  it('leaves the due time alone when the pause had no business time', () => {
    const clock = monday({ dueAt: at('2026-06-02T18:00:00'), pausedSince: at('2026-06-01T18:30:00') });
    expect(resumeClock(clock, cal, at('2026-06-02T08:30:00'))).toEqual({ dueAt: at('2026-06-02T18:00:00'), pausedSince: null, pausedMinutes: 0 });
  });

  it('gives no credit for a pause that began after the due time', () => {
    const clock = monday({ pausedSince: at('2026-06-02T10:00:00') });
    expect(resumeClock(clock, cal, at('2026-06-04T10:00:00'))).toEqual({ dueAt: at('2026-06-01T18:00:00'), pausedSince: null, pausedMinutes: 0 });
  });

  it('credits calendar minutes to a calendar-time clock', () => {
    const p1: SlaClock = { target: { time: 'calendar', minutes: 240 }, dueAt: at('2026-06-05T21:00:00'), stoppedAt: null, pausedSince: at('2026-06-05T18:00:00') };
    expect(resumeClock(p1, cal, at('2026-06-05T19:30:00'))).toEqual({ dueAt: at('2026-06-05T22:30:00'), pausedSince: null, pausedMinutes: 90 });
  });

  it('refuses to pause a stopped or paused clock, or resume a running one', () => {
    const conflict = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).code).toBe('CONFLICT');
        return;
      }
      throw new Error('expected a CONFLICT');
    };
    conflict(() => pauseClock(monday({ stoppedAt: at('2026-06-01T12:00:00') }), at('2026-06-01T13:00:00')));
    conflict(() => pauseClock(monday({ pausedSince: at('2026-06-01T12:00:00') }), at('2026-06-01T13:00:00')));
    conflict(() => resumeClock(monday(), cal, at('2026-06-01T13:00:00')));
  });
});

describe('nextDue', () => {
  const ack = (over: Partial<SlaClock> = {}): SlaClock => ({ target: { time: 'business', minutes: 120 }, dueAt: at('2026-06-01T11:00:00'), stoppedAt: null, ...over });
  const now = at('2026-06-01T10:00:00');

  it('shows the acknowledge clock of a new complaint, due first', () => {
    expect(nextDue({ acknowledge: ack(), resolve: monday() }, cal, now)).toMatchObject({ clock: 'acknowledge', status: 'on_track', minutesLeft: 60, dueAt: at('2026-06-01T11:00:00') });
  });

  it('moves on to the resolve clock once acknowledged', () => {
    const item = { acknowledge: ack({ stoppedAt: at('2026-06-01T09:30:00') }), resolve: monday() };
    expect(nextDue(item, cal, now)).toMatchObject({ clock: 'resolve', minutesLeft: 480 });
  });

  it('prefers a running clock to a paused one, and shows a paused one when it is all there is', () => {
    const pausedResolve = monday({ dueAt: at('2026-06-01T10:30:00'), pausedSince: at('2026-06-01T09:30:00') });
    expect(nextDue({ acknowledge: ack(), resolve: pausedResolve }, cal, now)?.clock).toBe('acknowledge');
    expect(nextDue({ acknowledge: null, resolve: pausedResolve }, cal, now)).toMatchObject({ clock: 'resolve', paused: true });
  });

  it('is null when no clock runs', () => {
    const done = at('2026-06-01T09:30:00');
    expect(nextDue({ acknowledge: ack({ stoppedAt: done }), resolve: monday({ stoppedAt: done }) }, cal, now)).toBeNull();
    expect(nextDue({ acknowledge: null, resolve: null }, cal, now)).toBeNull();
  });
});
