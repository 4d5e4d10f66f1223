import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseKind } from '../../../../contract/index.js';
import { addBusinessMinutes, officeHoursCalendar } from './business-calendar.js';
import { decideEscalations, ESCALATION_LEVELS, type ClockSnapshot, type Escalation, type EscalationLevel, type EscalationState } from './escalation.js';
import { readClock, type SlaClock } from './sla-status.js';

const DUE = new Date('2026-06-01T10:00:00Z');
const reading = (status: ClockSnapshot['status'], usedFraction: number, over: Partial<ClockSnapshot> = {}): ClockSnapshot => ({
  status,
  usedFraction,
  running: true,
  dueAt: DUE,
  ...over,
});
const levels = (fire: Escalation[]) => fire.map((e) => `${e.clock}:${e.level}:${e.to}`);

describe('decideEscalations', () => {
  it('fires nothing while on track, and records the due time it saw', () => {
    const d = decideEscalations('ticket', {}, { resolve: reading('on_track', 0.3) });
    expect(d.fire).toEqual([]);
    expect(d.state).toEqual({ resolve: { dueAtMs: DUE.getTime(), passed: null } });
  });

  it('warns the supervisor once when at risk, then once more when breached', () => {
    let state: EscalationState = {};
    const step = (r: ClockSnapshot) => {
      const d = decideEscalations('ticket', state, { resolve: r });
      state = d.state;
      return levels(d.fire);
    };
    expect(step(reading('at_risk', 0.8))).toEqual(['resolve:at_risk:supervisor']);
    expect(step(reading('at_risk', 0.9))).toEqual([]);
    expect(step(reading('breached', 1.2))).toEqual(['resolve:breached:supervisor']);
    expect(step(reading('breached', 3))).toEqual([]); // tickets stop at the supervisor
  });

  it('takes a breached complaint one level up once well past due', () => {
    const state: EscalationState = { resolve: { dueAtMs: DUE.getTime(), passed: 'breached' } };
    expect(levels(decideEscalations('complaint', state, { resolve: reading('breached', 1.49) }).fire)).toEqual([]);
    expect(levels(decideEscalations('complaint', state, { resolve: reading('breached', 1.5) }).fire)).toEqual([
      'resolve:breached_level2:supervisor_of_supervisor',
    ]);
    expect(levels(decideEscalations('complaint', state, { resolve: reading('breached', 1.1) }, { level2AtUsedFraction: 1 }).fire)).toEqual([
      'resolve:breached_level2:supervisor_of_supervisor',
    ]);
  });

  it('after a gap sends the breach levels in order but not the stale at-risk warning', () => {
    const jump = decideEscalations('complaint', {}, { acknowledge: reading('breached', 2) });
    expect(levels(jump.fire)).toEqual(['acknowledge:breached:supervisor', 'acknowledge:breached_level2:supervisor_of_supervisor']);
    expect(jump.state.acknowledge?.passed).toBe('breached_level2');
    expect(levels(decideEscalations('ticket', {}, { resolve: reading('breached', 1.1) }).fire)).toEqual(['resolve:breached:supervisor']);
  });

  it('fires nothing for a stopped clock, even one stopped late, and keeps its state', () => {
    const state: EscalationState = { acknowledge: { dueAtMs: DUE.getTime(), passed: 'at_risk' } };
    const d = decideEscalations('complaint', state, { acknowledge: reading('breached', 2, { running: false }) });
    expect(d.fire).toEqual([]);
    expect(d.state).toEqual(state);
  });

  it('re-arms when the due time moves later and the case is back on track', () => {
    const state: EscalationState = { resolve: { dueAtMs: DUE.getTime(), passed: 'breached' } };
    const later = new Date(DUE.getTime() + 86_400_000);
    const reopened = decideEscalations('ticket', state, { resolve: reading('on_track', 0.1, { dueAt: later }) });
    expect(reopened.fire).toEqual([]);
    expect(reopened.state.resolve).toEqual({ dueAtMs: later.getTime(), passed: null });
    const again = decideEscalations('ticket', reopened.state, { resolve: reading('at_risk', 0.8, { dueAt: later }) });
    expect(levels(again.fire)).toEqual(['resolve:at_risk:supervisor']);
  });

  it('does not repeat a level still reached after the due time moves later (a credited pause)', () => {
    const state: EscalationState = { resolve: { dueAtMs: DUE.getTime(), passed: 'at_risk' } };
    const later = new Date(DUE.getTime() + 3_600_000);
    const d = decideEscalations('ticket', state, { resolve: reading('at_risk', 0.8, { dueAt: later }) });
    expect(d.fire).toEqual([]);
    expect(d.state.resolve).toEqual({ dueAtMs: later.getTime(), passed: 'at_risk' });
  });

  it('keeps what was passed when the due time moves earlier', () => {
    const state: EscalationState = { resolve: { dueAtMs: DUE.getTime(), passed: 'at_risk' } };
    const earlier = new Date(DUE.getTime() - 3_600_000);
    const d = decideEscalations('ticket', state, { resolve: reading('breached', 1.1, { dueAt: earlier }) });
    expect(levels(d.fire)).toEqual(['resolve:breached:supervisor']);
    expect(decideEscalations('ticket', d.state, { resolve: reading('on_track', 0.2, { dueAt: earlier }) }).fire).toEqual([]);
  });

  it('handles the two clocks of a complaint independently', () => {
    const d = decideEscalations('complaint', {}, { acknowledge: reading('at_risk', 0.8), resolve: reading('on_track', 0.1) });
    expect(levels(d.fire)).toEqual(['acknowledge:at_risk:supervisor']);
    expect(Object.keys(d.state)).toEqual(['acknowledge', 'resolve']);
  });
});

describe('escalation over a growing clock (property)', () => {
  const cal = officeHoursCalendar('Asia/Shanghai');
  const START = new Date('2026-06-01T09:00:00+08:00'); // a Monday opening
  const MINUTE = 60_000;

  it('fires each level at most once, in order, and never misses a breach', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CaseKind>('ticket', 'complaint'),
        fc.integer({ min: 30, max: 3000 }),
        fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 40 }),
        (kind, budget, steps) => {
          const clock: SlaClock = { target: { time: 'business', minutes: budget }, dueAt: addBusinessMinutes(cal, START, budget), stoppedAt: null };
          let state: EscalationState = {};
          const fired: EscalationLevel[] = [];
          let now = START.getTime();
          let sawAtRiskBeforeBreach = false;
          let sawBreach = false;
          for (const step of steps) {
            now += step * MINUTE;
            const r = readClock(clock, cal, new Date(now));
            if (r.status === 'breached') sawBreach = true;
            if (r.status === 'at_risk' && !sawBreach) sawAtRiskBeforeBreach = true;
            const d = decideEscalations(kind, state, { resolve: r });
            state = d.state;
            fired.push(...d.fire.map((e) => e.level));
            if (sawBreach) expect(fired).toContain('breached');
          }
          expect(new Set(fired).size).toBe(fired.length);
          const ranks = fired.map((l) => ESCALATION_LEVELS.indexOf(l));
          expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
          expect(fired.includes('at_risk')).toBe(sawAtRiskBeforeBreach);
          if (kind === 'ticket') expect(fired).not.toContain('breached_level2');
          const highest = fired[fired.length - 1];
          if (highest) expect(state.resolve?.passed).toBe(highest);
        },
      ),
      { numRuns: 300 },
    );
  });
});
