import { describe, expect, it } from 'vitest';
import type { CaseClockReading, CaseSummary } from '@kefu/contract';
import { caseDeadlines, nextDeadline } from './case-deadlines.js';

const NOW = Date.parse('2026-11-26T09:00:00Z');
const HOUR = 3_600_000;
const at = (ms: number) => new Date(NOW + ms).toISOString();

const clock = (over: Partial<CaseClockReading>): CaseClockReading => ({
  clock: 'resolve',
  state: 'running',
  atRisk: false,
  dueAt: at(3 * HOUR),
  stoppedAt: null,
  remainingSeconds: 3 * 3600,
  ...over,
});

const ticket = (over: Partial<CaseSummary>): CaseSummary => ({
  id: 1,
  number: 'T-1',
  kind: 'ticket',
  subject: 'Router replacement',
  status: 'open',
  priority: 'P2',
  category: null,
  severity: null,
  assigneeName: null,
  createdAt: at(-5 * HOUR),
  ackDueAt: null,
  acknowledgedAt: null,
  resolveDueAt: at(3 * HOUR),
  resolvedAt: null,
  closedAt: null,
  nextDue: { clock: 'resolve', dueAt: at(3 * HOUR), status: 'on_track' },
  clocks: [clock({})],
  ...over,
});

describe('the deadlines of a case', () => {
  it('shows no deadline for a case waiting for the customer, even past its due time: the server says its clock is paused', () => {
    const pending = ticket({
      status: 'pending_customer',
      resolveDueAt: at(-2 * HOUR),
      nextDue: null,
      clocks: [clock({ state: 'paused', dueAt: at(-2 * HOUR), remainingSeconds: 50 * 60 })],
    });
    expect(caseDeadlines(pending, NOW)).toEqual([]);
    expect(nextDeadline(pending, NOW)).toBeNull();
  });

  it('keeps counting the acknowledgement of a pending complaint while its resolution is paused', () => {
    const complaint = ticket({
      kind: 'complaint',
      status: 'pending_customer',
      nextDue: { clock: 'acknowledge', dueAt: at(-HOUR), status: 'breached' },
      clocks: [
        clock({ clock: 'acknowledge', state: 'breached', dueAt: at(-HOUR), remainingSeconds: -3600 }),
        clock({ state: 'paused', dueAt: at(-2 * HOUR) }),
      ],
    });
    expect(caseDeadlines(complaint, NOW).map((d) => [d.kind, d.sla])).toEqual([['ack', 'breached']]);
    expect(nextDeadline(complaint, NOW)).toMatchObject({ kind: 'ack', sla: 'breached' });
  });

  it('takes at risk from the server and turns breached once the due time passes on the page', () => {
    const risky = ticket({ clocks: [clock({ atRisk: true, dueAt: at(HOUR) })], nextDue: { clock: 'resolve', dueAt: at(HOUR), status: 'at_risk' } });
    expect(caseDeadlines(risky, NOW)[0]).toMatchObject({ kind: 'resolve', sla: 'at_risk' });
    expect(caseDeadlines(risky, NOW + 2 * HOUR)[0]).toMatchObject({ kind: 'resolve', sla: 'breached' });
  });

  it('shows nothing for clocks that stopped', () => {
    const resolved = ticket({ status: 'resolved', nextDue: null, clocks: [clock({ state: 'met', stoppedAt: at(-HOUR) })] });
    expect(caseDeadlines(resolved, NOW)).toEqual([]);
    expect(nextDeadline(resolved, NOW)).toBeNull();
  });
});
