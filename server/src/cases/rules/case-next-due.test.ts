import { describe, expect, it } from 'vitest';
import { nextDueOf, worstStatus, type CaseClocks } from './case-next-due.js';

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
});
