import { describe, expect, it } from 'vitest';
import { caseClockReadings, nextDueOf, worstStatus, type CaseClocks } from './case-next-due.js';

const at = (h: number) => new Date(Date.UTC(2026, 10, 26, h));
const complaint: CaseClocks = {
  kind: 'complaint',
  status: 'new',
  ackDueAt: at(10),
  ackAtRiskAt: at(8),
  acknowledgedAt: null,
  resolveDueAt: at(20),
  resolveAtRiskAt: at(17),
  pausedAt: null,
  resolvedAt: null,
  closedAt: null,
};

describe('next due clock of a case', () => {
  it('shows the acknowledgement clock first while a complaint is unacknowledged', () => {
    expect(nextDueOf(complaint, at(7))).toEqual({ clock: 'acknowledge', dueAt: at(10).toISOString(), status: 'on_track' });
    expect(nextDueOf(complaint, at(9))?.status).toBe('at_risk');
    expect(nextDueOf(complaint, at(10))?.status).toBe('breached');
  });

  it('moves to the resolution clock once acknowledged', () => {
    const acked = { ...complaint, acknowledgedAt: at(9) };
    expect(nextDueOf(acked, at(9))).toEqual({ clock: 'resolve', dueAt: at(20).toISOString(), status: 'on_track' });
    expect(nextDueOf(acked, at(18))?.status).toBe('at_risk');
  });

  it('has no clock once resolved, and a paused resolution clock shows nothing', () => {
    expect(nextDueOf({ ...complaint, status: 'resolved' }, at(9))).toBeNull();
    expect(nextDueOf({ ...complaint, acknowledgedAt: at(9), pausedAt: at(9) }, at(21))).toBeNull();
  });

  it('reports the worst running clock for list filters', () => {
    // Acknowledgement breached, resolution still on track: the case counts as breached.
    expect(worstStatus(complaint, at(11))).toBe('breached');
    expect(worstStatus({ ...complaint, kind: 'ticket', ackDueAt: null }, at(11))).toBe('on_track');
  });

  it('holds the resolution clock of a case waiting for the customer: paused, not breached, past its due time', () => {
    const pending: CaseClocks = { ...complaint, kind: 'ticket', ackDueAt: null, ackAtRiskAt: null, status: 'pending_customer', pausedAt: at(12) };
    expect(caseClockReadings(pending, at(23))).toEqual([
      { clock: 'resolve', state: 'paused', atRisk: false, dueAt: at(20).toISOString(), stoppedAt: null, remainingSeconds: 8 * 3600 },
    ]);
    expect(worstStatus(pending, at(23))).toBe('on_track');
  });

  it('keeps a complaint acknowledgement clock counting while the resolution clock is paused', () => {
    const pending: CaseClocks = { ...complaint, status: 'pending_customer', pausedAt: at(8) };
    const [ack, resolve] = caseClockReadings(pending, at(11));
    expect(ack).toMatchObject({ clock: 'acknowledge', state: 'breached', stoppedAt: null, remainingSeconds: -3600 });
    expect(resolve).toMatchObject({ clock: 'resolve', state: 'paused', atRisk: false });
  });

  it('reads a running clock with its time left and its at-risk point', () => {
    expect(caseClockReadings({ ...complaint, acknowledgedAt: at(9) }, at(18))[1]).toEqual({
      clock: 'resolve', state: 'running', atRisk: true, dueAt: at(20).toISOString(), stoppedAt: null, remainingSeconds: 2 * 3600,
    });
  });

  it('tells a clock stopped in time from one stopped late', () => {
    const done: CaseClocks = { ...complaint, status: 'resolved', acknowledgedAt: at(11), resolvedAt: at(19) };
    expect(caseClockReadings(done, at(23)).map((r) => [r.clock, r.state, r.stoppedAt])).toEqual([
      ['acknowledge', 'breached', at(11).toISOString()],
      ['resolve', 'met', at(19).toISOString()],
    ]);
    // A case closed without its own stop event stops its clocks at the close.
    expect(caseClockReadings({ ...complaint, kind: 'ticket', ackDueAt: null, status: 'closed', closedAt: at(21) }, at(23))).toEqual([
      { clock: 'resolve', state: 'breached', atRisk: false, dueAt: at(20).toISOString(), stoppedAt: at(21).toISOString(), remainingSeconds: -3600 },
    ]);
  });
});
