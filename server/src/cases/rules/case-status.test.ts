import { describe, expect, it } from 'vitest';
import { CASE_KINDS, CASE_STATUSES, type CaseKind, type CaseStatus } from '../../../../contract/index.js';
import { DomainError } from '../../platform/domain-error.js';
import {
  allowedCaseActions,
  applyCaseTransition,
  CASE_ACTION_TYPES,
  type CaseAction,
  type CaseActionType,
  type CaseSnapshot,
} from './case-status.js';

const NOW = new Date('2026-06-10T10:00:00Z');
const DAY = 86_400_000;

// A case that satisfies every guard, so the table alone decides.
const snapshot = (kind: CaseKind, status: CaseStatus, over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({
  kind,
  status,
  acknowledgedAt: null,
  resolution: 'Refunded the double charge',
  rootCause: 'BILLING_DUPLICATE',
  customerConfirmed: true,
  contactAttempts: 0,
  closedAt: status === 'closed' ? new Date(NOW.getTime() - DAY) : null,
  ...over,
});
const action = (type: CaseActionType): CaseAction => ({ type }) as CaseAction;

// Every (kind, from, action): the status it leads to and the resolve-clock effect, or "-" when refused.
const EXPECTED = `
kind       from              open         acknowledge  pend                   resolve          close        reopen
ticket     new               open         -            -                      resolved/stop    -            -
ticket     open              -            -            pending_customer/pause resolved/stop    -            -
ticket     pending_customer  open/resume  -            -                      resolved/stop    -            -
ticket     resolved          -            -            -                      -                closed       open/restart
ticket     closed            -            -            -                      -                -            open/restart
complaint  new               open         open         -                      resolved/stop    -            -
complaint  open              -            open         pending_customer/pause resolved/stop    -            -
complaint  pending_customer  open/resume  pending_customer -                  resolved/stop    -            -
complaint  resolved          -            -            -                      -                closed       open/restart
complaint  closed            -            -            -                      -                -            open/restart
`;
const rows = EXPECTED.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
const table = rows.flatMap(([kind, from, ...cells]) =>
  CASE_ACTION_TYPES.map((a, i) => ({ kind: kind as CaseKind, from: from as CaseStatus, action: a, expected: cells[i]! })),
);

describe('case status table', () => {
  it('covers every kind, status and action', () => {
    expect(table).toHaveLength(CASE_KINDS.length * CASE_STATUSES.length * CASE_ACTION_TYPES.length);
    expect(new Set(table.map((r) => `${r.kind}:${r.from}:${r.action}`)).size).toBe(table.length);
  });

  it.each(table.map((r) => [r.kind, r.from, r.action, r.expected] as const))('%s %s + %s → %s', (kind, from, type, expected) => {
    const run = () => applyCaseTransition(snapshot(kind, from), action(type), NOW);
    if (expected === '-') {
      expect(run).toThrow(DomainError);
      try {
        run();
      } catch (e) {
        expect((e as DomainError).code).toBe('CONFLICT');
      }
      expect(allowedCaseActions(kind, from)).not.toContain(type);
      return;
    }
    const [status, clock = null] = expected.split('/');
    const t = run();
    expect(t.changes.status).toBe(status);
    expect(t.resolveClock).toBe(clock);
    expect(allowedCaseActions(kind, from)).toContain(type);
  });

  it('says which move was refused, naming both states', () => {
    expect(() => applyCaseTransition(snapshot('complaint', 'closed'), { type: 'pend' }, NOW)).toThrow(
      'A closed complaint can only be reopened, not moved to pending customer',
    );
    expect(() => applyCaseTransition(snapshot('ticket', 'new'), { type: 'close' }, NOW)).toThrow('A new ticket can only be opened or resolved, not closed');
    expect(() => applyCaseTransition(snapshot('complaint', 'open'), { type: 'open' }, NOW)).toThrow(
      'An open complaint can only be acknowledged, moved to pending customer or resolved, not opened',
    );
    expect(() => applyCaseTransition(snapshot('ticket', 'pending_customer'), { type: 'acknowledge' }, NOW)).toThrow(
      'A ticket waiting for the customer can only be opened or resolved, not acknowledged',
    );
  });
});

describe('timestamps', () => {
  it('stamps resolved_at, closed_at, and clears both on reopen', () => {
    expect(applyCaseTransition(snapshot('ticket', 'open'), { type: 'resolve' }, NOW).changes).toEqual({ status: 'resolved', resolvedAt: NOW });
    expect(applyCaseTransition(snapshot('ticket', 'resolved'), { type: 'close' }, NOW).changes).toEqual({ status: 'closed', closedAt: NOW });
    expect(applyCaseTransition(snapshot('ticket', 'closed'), { type: 'reopen' }, NOW).changes).toEqual({ status: 'open', resolvedAt: null, closedAt: null });
  });

  it('acknowledges a complaint when it is opened, acknowledged or resolved, but only once', () => {
    expect(applyCaseTransition(snapshot('complaint', 'new'), { type: 'open' }, NOW).changes).toEqual({ status: 'open', acknowledgedAt: NOW });
    expect(applyCaseTransition(snapshot('complaint', 'new'), { type: 'acknowledge' }, NOW).changes).toEqual({ status: 'open', acknowledgedAt: NOW });
    expect(applyCaseTransition(snapshot('complaint', 'open'), { type: 'acknowledge' }, NOW).changes).toEqual({ status: 'open', acknowledgedAt: NOW });
    expect(applyCaseTransition(snapshot('complaint', 'new'), { type: 'resolve' }, NOW).changes.acknowledgedAt).toEqual(NOW);
    const earlier = new Date(NOW.getTime() - DAY);
    const acked = (status: CaseStatus) => snapshot('complaint', status, { acknowledgedAt: earlier });
    expect(applyCaseTransition(acked('pending_customer'), { type: 'open' }, NOW).changes).toEqual({ status: 'open' });
    expect(applyCaseTransition(acked('open'), { type: 'resolve' }, NOW).changes.acknowledgedAt).toBeUndefined();
    expect(() => applyCaseTransition(acked('open'), { type: 'acknowledge' }, NOW)).toThrow('This complaint has already been acknowledged');
  });

  it('never acknowledges a ticket', () => {
    expect(applyCaseTransition(snapshot('ticket', 'new'), { type: 'open' }, NOW).changes).toEqual({ status: 'open' });
  });
});

describe('complaint guards', () => {
  const fieldsOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION');
      return (e as DomainError).fields!.map((x) => x.field);
    }
    throw new Error('expected a VALIDATION error');
  };
  const bare = (status: CaseStatus, over: Partial<CaseSnapshot> = {}) => snapshot('complaint', status, { resolution: null, rootCause: null, customerConfirmed: null, ...over });

  it('needs a resolution and a root cause to resolve', () => {
    expect(fieldsOf(() => applyCaseTransition(bare('open'), { type: 'resolve' }, NOW))).toEqual(['resolution', 'rootCause']);
    expect(fieldsOf(() => applyCaseTransition(bare('open'), { type: 'resolve', resolution: '   ', rootCause: 'X' }, NOW))).toEqual(['resolution']);
    expect(fieldsOf(() => applyCaseTransition(bare('open'), { type: 'resolve', resolution: 'Fixed', rootCause: 'R'.repeat(61) }, NOW))).toEqual(['rootCause']);
  });

  it('records the resolution and root cause given, trimmed, or keeps those it has', () => {
    const t = applyCaseTransition(bare('open'), { type: 'resolve', resolution: ' Replaced the unit ', rootCause: ' PRODUCT_DEFECT ' }, NOW);
    expect(t.changes).toMatchObject({ status: 'resolved', resolution: 'Replaced the unit', rootCause: 'PRODUCT_DEFECT' });
    const kept = applyCaseTransition(snapshot('complaint', 'open'), { type: 'resolve' }, NOW);
    expect(kept.changes).toMatchObject({ resolution: 'Refunded the double charge', rootCause: 'BILLING_DUPLICATE' });
  });

  it('takes no resolution or root cause on a ticket', () => {
    expect(fieldsOf(() => applyCaseTransition(snapshot('ticket', 'open'), { type: 'resolve', resolution: 'Reset password' }, NOW))).toEqual(['resolution']);
  });

  it('closes only once the customer confirmed or a follow-up contact was attempted', () => {
    const resolved = (over: Partial<CaseSnapshot>) => bare('resolved', { resolution: 'Refunded', rootCause: 'BILLING', ...over });
    const refusal = 'A complaint can be closed only once the customer has confirmed the fix or a follow-up contact has been attempted';
    expect(() => applyCaseTransition(resolved({}), { type: 'close' }, NOW)).toThrow(refusal);
    expect(() => applyCaseTransition(resolved({ customerConfirmed: false }), { type: 'close' }, NOW)).toThrow(refusal);
    expect(applyCaseTransition(resolved({ customerConfirmed: true }), { type: 'close' }, NOW).changes.status).toBe('closed');
    expect(applyCaseTransition(resolved({ customerConfirmed: false, contactAttempts: 1 }), { type: 'close' }, NOW).changes.status).toBe('closed');
  });

  it('does not close a complaint without a resolution', () => {
    expect(() => applyCaseTransition(bare('resolved', { customerConfirmed: true }), { type: 'close' }, NOW)).toThrow(
      'A complaint without a resolution cannot be closed',
    );
  });

  it('closes a ticket without confirmation', () => {
    expect(applyCaseTransition(snapshot('ticket', 'resolved', { customerConfirmed: null }), { type: 'close' }, NOW).changes.status).toBe('closed');
  });
});

describe('reopen', () => {
  const closedDaysAgo = (kind: CaseKind, days: number) => snapshot(kind, 'closed', { closedAt: new Date(NOW.getTime() - days * DAY) });

  it('reopens a closed case within 30 days, not after', () => {
    expect(applyCaseTransition(closedDaysAgo('ticket', 30), { type: 'reopen' }, NOW).changes.status).toBe('open');
    expect(() => applyCaseTransition(closedDaysAgo('complaint', 31), { type: 'reopen' }, NOW)).toThrow(
      'This complaint was closed more than 30 days ago; open a new complaint instead',
    );
  });

  it('takes another window, or none', () => {
    expect(() => applyCaseTransition(closedDaysAgo('ticket', 8), { type: 'reopen' }, NOW, { reopenClosedWithinDays: 7 })).toThrow(DomainError);
    expect(applyCaseTransition(closedDaysAgo('ticket', 1000), { type: 'reopen' }, NOW, { reopenClosedWithinDays: null }).changes.status).toBe('open');
  });

  it('reopens a resolved case whenever, and a closed one without a closing time', () => {
    expect(applyCaseTransition(snapshot('ticket', 'resolved'), { type: 'reopen' }, NOW).changes.status).toBe('open');
    expect(applyCaseTransition(snapshot('ticket', 'closed', { closedAt: null }), { type: 'reopen' }, NOW).changes.status).toBe('open');
  });

  it('makes a reopened complaint earn its confirmation again', () => {
    const t = applyCaseTransition(snapshot('complaint', 'resolved', { contactAttempts: 2 }), { type: 'reopen' }, NOW);
    expect(t.changes).toEqual({ status: 'open', resolvedAt: null, closedAt: null, customerConfirmed: null, contactAttempts: 0 });
    expect(t.resolveClock).toBe('restart');
  });
});
