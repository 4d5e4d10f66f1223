// Follow-up calls (回访): after a case is resolved someone calls the customer to confirm the fix.
//
// A task is pending until it is done or cancelled. Each call ends with an outcome:
//   reached_confirmed   done; a complaint records customer_confirmed = true
//   reached_not_solved  done; the case must be reopened
//   not_reached         one more contact attempt on the case; the task is due again after the
//                       retry delay, and after the last attempt it is done as not_reached and
//                       the case owner is told
// A not-reached attempt is what lets a complaint close without the customer's confirmation
// (case-status.ts), so the server increments the case's contact-attempt count on each one.
import { z } from 'zod';
import { FollowUpPolicy as FollowUpPolicySchema, type CaseKind } from '../../../../contract/index.js';
import { DomainError, fieldError, invalid } from '../../platform/domain-error.js';
import type { BusinessCalendar } from './business-calendar.js';
import { addDuration, businessDays, businessHours } from './sla-duration.js';
import { msg } from '../../platform/i18n/message.js';

export const FOLLOW_UP_STATUSES = ['pending', 'done', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_OUTCOMES = ['reached_confirmed', 'reached_not_solved', 'not_reached'] as const;
export const FollowUpOutcome = z.enum(FOLLOW_UP_OUTCOMES);
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;

// The policy's shape is the shared contract's, which the console's Settings page edits.
export { FollowUpPolicySchema };
export type FollowUpPolicy = FollowUpPolicySchema;

/**
 * Defaults: retry after 2 business hours, 3 calls in all; every complaint gets a confirmation
 * call 3 business days after resolution, tickets none (their volume would swamp the team).
 */
export const DEFAULT_FOLLOW_UP_POLICY: FollowUpPolicy = FollowUpPolicySchema.parse({
  retryDelay: businessHours(2),
  maxAttempts: 3,
  confirmAfterResolve: { complaint: businessDays(3), ticket: null },
});

export interface FollowUpTask {
  status: FollowUpStatus;
  /** Calls already made without reaching the customer. */
  attempts: number;
  dueAt: Date;
  caseKind: CaseKind;
}

export interface FollowUpCaseEffects {
  reopen?: true;
  customerConfirmed?: true;
  contactAttempt?: true;
}

export interface FollowUpResult {
  task: { status: FollowUpStatus; outcome: FollowUpOutcome | null; attempts: number; dueAt: Date; completedAt: Date | null };
  caseEffects: FollowUpCaseEffects;
  /** When the same task is due again (not reached, attempts left); null otherwise. */
  retryDueAt: Date | null;
  /** True when the attempts ran out: the case owner should hear that the customer was never reached. */
  notifyOwner: boolean;
}

function assertPending(task: FollowUpTask): void {
  if (task.status !== 'pending') throw new DomainError('CONFLICT', msg('followUp.already', { status: task.status }));
}

/** The result of one follow-up call at `now`. */
export function recordOutcome(
  task: FollowUpTask,
  outcome: FollowUpOutcome,
  now: Date,
  calendar: BusinessCalendar,
  policy: FollowUpPolicy = DEFAULT_FOLLOW_UP_POLICY,
): FollowUpResult {
  assertPending(task);
  const done = (effects: FollowUpCaseEffects, attempts = task.attempts, notifyOwner = false): FollowUpResult => ({
    task: { status: 'done', outcome, attempts, dueAt: task.dueAt, completedAt: now },
    caseEffects: effects,
    retryDueAt: null,
    notifyOwner,
  });
  switch (outcome) {
    case 'reached_confirmed':
      // Tickets keep no confirmation: customer_confirmed is a complaint field.
      return done(task.caseKind === 'complaint' ? { customerConfirmed: true } : {});
    case 'reached_not_solved':
      return done({ reopen: true });
    case 'not_reached': {
      const attempts = task.attempts + 1;
      if (attempts >= policy.maxAttempts) return done({ contactAttempt: true }, attempts, true);
      const retryDueAt = addDuration(calendar, now, policy.retryDelay);
      return {
        task: { status: 'pending', outcome: null, attempts, dueAt: retryDueAt, completedAt: null },
        caseEffects: { contactAttempt: true },
        retryDueAt,
        notifyOwner: false,
      };
    }
    default:
      throw invalid([fieldError('outcome', 'followUp.unknownOutcome', { outcomes: FOLLOW_UP_OUTCOMES.join(', ') })]);
  }
}

/** Cancels a pending follow-up, e.g. when its case is reopened by other means. */
export function cancelFollowUp(task: FollowUpTask, now: Date): { status: 'cancelled'; completedAt: Date } {
  assertPending(task);
  return { status: 'cancelled', completedAt: now };
}

/** When the confirmation call is due for a case resolved at `resolvedAt`; null when none is made. */
export function autoFollowUpOnResolve(
  policy: FollowUpPolicy,
  calendar: BusinessCalendar,
  resolvedAt: Date,
  kind: CaseKind = 'complaint',
): Date | null {
  const after = policy.confirmAfterResolve[kind];
  return after && addDuration(calendar, resolvedAt, after);
}
