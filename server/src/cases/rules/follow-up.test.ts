import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/domain-error.js';
import { officeHoursCalendar } from './business-calendar.js';
import {
  autoFollowUpOnResolve,
  cancelFollowUp,
  DEFAULT_FOLLOW_UP_POLICY,
  FollowUpPolicySchema,
  recordOutcome,
  type FollowUpTask,
} from './follow-up.js';

const cal = officeHoursCalendar('Asia/Shanghai'); // Mon–Fri 09:00–18:00
const at = (local: string) => new Date(`${local}+08:00`);
const NOW = at('2026-06-01T17:00:00'); // a Monday
const task = (over: Partial<FollowUpTask> = {}): FollowUpTask => ({ status: 'pending', attempts: 0, dueAt: at('2026-06-01T16:00:00'), caseKind: 'complaint', ...over });

describe('recordOutcome', () => {
  it('confirms a complaint when the customer is reached and happy', () => {
    expect(recordOutcome(task(), 'reached_confirmed', NOW, cal)).toEqual({
      task: { status: 'done', outcome: 'reached_confirmed', attempts: 0, dueAt: at('2026-06-01T16:00:00'), completedAt: NOW },
      caseEffects: { customerConfirmed: true },
      retryDueAt: null,
      notifyOwner: false,
    });
  });

  it('records nothing on a ticket, which keeps no confirmation', () => {
    expect(recordOutcome(task({ caseKind: 'ticket' }), 'reached_confirmed', NOW, cal).caseEffects).toEqual({});
  });

  it('reopens the case when the customer says it is not solved', () => {
    for (const caseKind of ['ticket', 'complaint'] as const) {
      const r = recordOutcome(task({ caseKind }), 'reached_not_solved', NOW, cal);
      expect(r.task).toMatchObject({ status: 'done', outcome: 'reached_not_solved' });
      expect(r.caseEffects).toEqual({ reopen: true });
    }
  });

  it('counts a contact attempt and calls again 2 business hours later when not reached', () => {
    const r = recordOutcome(task(), 'not_reached', NOW, cal);
    expect(r).toEqual({
      task: { status: 'pending', outcome: null, attempts: 1, dueAt: at('2026-06-02T10:00:00'), completedAt: null },
      caseEffects: { contactAttempt: true },
      retryDueAt: at('2026-06-02T10:00:00'),
      notifyOwner: false,
    });
  });

  it('gives up after the third call, still counting the attempt, and tells the owner', () => {
    const r = recordOutcome(task({ attempts: 2 }), 'not_reached', NOW, cal);
    expect(r).toEqual({
      task: { status: 'done', outcome: 'not_reached', attempts: 3, dueAt: at('2026-06-01T16:00:00'), completedAt: NOW },
      caseEffects: { contactAttempt: true },
      retryDueAt: null,
      notifyOwner: true,
    });
  });

  it('makes exactly maxAttempts calls before giving up, whatever the policy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), (maxAttempts) => {
        const policy = { ...DEFAULT_FOLLOW_UP_POLICY, maxAttempts };
        let t = task();
        let calls = 0;
        let told = 0;
        while (t.status === 'pending') {
          const r = recordOutcome(t, 'not_reached', NOW, cal, policy);
          calls++;
          if (r.notifyOwner) told++;
          t = { ...t, ...r.task };
        }
        expect(calls).toBe(maxAttempts);
        expect(told).toBe(1);
        expect(t.attempts).toBe(maxAttempts);
      }),
    );
  });

  it('refuses an outcome on a task that is no longer pending', () => {
    for (const status of ['done', 'cancelled'] as const) {
      expect(() => recordOutcome(task({ status }), 'reached_confirmed', NOW, cal)).toThrow(`This follow-up is already ${status}`);
    }
  });

  it('refuses an unknown outcome', () => {
    expect(() => recordOutcome(task(), 'voicemail' as never, NOW, cal)).toThrow(DomainError);
  });
});

describe('cancelFollowUp', () => {
  it('cancels a pending task only', () => {
    expect(cancelFollowUp(task(), NOW)).toEqual({ status: 'cancelled', completedAt: NOW });
    expect(() => cancelFollowUp(task({ status: 'done' }), NOW)).toThrow(DomainError);
  });
});

describe('autoFollowUpOnResolve', () => {
  it('schedules the confirmation call of a complaint 3 business days after resolution', () => {
    // Friday 17:00: 1 h Friday, 9 h Monday, 9 h Tuesday, 8 h Wednesday.
    expect(autoFollowUpOnResolve(DEFAULT_FOLLOW_UP_POLICY, cal, at('2026-06-05T17:00:00'), 'complaint')).toEqual(at('2026-06-10T17:00:00'));
  });

  it('schedules none for tickets unless configured', () => {
    expect(autoFollowUpOnResolve(DEFAULT_FOLLOW_UP_POLICY, cal, NOW, 'ticket')).toBeNull();
    const policy = { ...DEFAULT_FOLLOW_UP_POLICY, confirmAfterResolve: { complaint: null, ticket: { time: 'calendar' as const, minutes: 60 } } };
    expect(autoFollowUpOnResolve(policy, cal, NOW, 'ticket')).toEqual(at('2026-06-01T18:00:00'));
    expect(autoFollowUpOnResolve(policy, cal, NOW, 'complaint')).toBeNull();
  });
});

describe('follow-up policy', () => {
  it('is valid by default and refuses nonsense', () => {
    expect(FollowUpPolicySchema.parse(DEFAULT_FOLLOW_UP_POLICY)).toEqual(DEFAULT_FOLLOW_UP_POLICY);
    expect(FollowUpPolicySchema.safeParse({ ...DEFAULT_FOLLOW_UP_POLICY, maxAttempts: 0 }).success).toBe(false);
    expect(FollowUpPolicySchema.safeParse({ ...DEFAULT_FOLLOW_UP_POLICY, retryDelay: { time: 'business', minutes: -5 } }).success).toBe(false);
  });
});
