// Which SLA targets a case gets, and the due times they give.
//
// Complaints have two clocks: acknowledge (someone tells the customer we are on it) and resolve.
// Targets depend on severity, optionally overridden per category. Tickets have a resolve clock
// only, by priority; a complaint's priority does not change its targets.
//
// Defaults (business time on a 09:00–18:00 working day, so 1 business day = 540 minutes):
//
//   complaint severity  acknowledge          resolve
//   low                 1 business day       10 business days
//   medium              1 business day       5 business days
//   high                4 business hours     3 business days
//   critical            2 business hours     1 business day
//   billing, low/medium                      3 business days (the customer is out of pocket)
//
//   ticket priority     resolve
//   P1                  4 hours, calendar time (a P1 is a service outage: its clock runs overnight)
//   P2                  1 business day
//   P3                  3 business days
//   P4                  5 business days
import type { z } from 'zod';
import {
  complaintTargets,
  ComplaintCategory,
  DEFAULT_AT_RISK_THRESHOLD,
  Severity,
  SlaPolicy as SlaPolicySchema,
  type CaseKind,
  type Priority,
} from '../../../../contract/index.js';
import { fieldError, invalid, type KeyedFieldError } from '../../platform/domain-error.js';
import { fieldsOfIssues } from '../../platform/zod-fields.js';
import type { BusinessCalendar } from './business-calendar.js';
import { addDuration, businessDays, businessHours, calendarHours, type SlaDuration } from './sla-duration.js';

// The policy's shape and its checks (an acknowledgement never due after the resolution) are the
// shared contract's, which the console's Settings page edits.
export { DEFAULT_AT_RISK_THRESHOLD, SlaPolicySchema };
export type SlaPolicy = SlaPolicySchema;
export type SlaPolicyInput = z.input<typeof SlaPolicySchema>;

export const DEFAULT_SLA_POLICY: SlaPolicy = SlaPolicySchema.parse({
  complaints: {
    bySeverity: {
      low: { acknowledge: businessDays(1), resolve: businessDays(10) },
      medium: { acknowledge: businessDays(1), resolve: businessDays(5) },
      high: { acknowledge: businessHours(4), resolve: businessDays(3) },
      critical: { acknowledge: businessHours(2), resolve: businessDays(1) },
    },
    byCategory: {
      billing: { low: { resolve: businessDays(3) }, medium: { resolve: businessDays(3) } },
    },
  },
  tickets: {
    resolve: { P1: calendarHours(4), P2: businessDays(1), P3: businessDays(3), P4: businessDays(5) },
  },
} satisfies SlaPolicyInput);

/** Validates a policy, throwing a VALIDATION error that names each bad field. */
export function parseSlaPolicy(input: unknown): SlaPolicy {
  const r = SlaPolicySchema.safeParse(input);
  if (r.success) return r.data;
  throw invalid(fieldsOfIssues(r.error.issues, '', 'policy'));
}

/** What the targets of a case depend on. `category` is free text on tickets, hence a string. */
export interface SlaSubject {
  kind: CaseKind;
  priority: Priority;
  category: string | null;
  severity: Severity | null;
}

export interface SlaTargets {
  /** Complaints only; null on tickets. */
  acknowledge: SlaDuration | null;
  resolve: SlaDuration;
}

export function targetsFor(policy: SlaPolicy, subject: SlaSubject): SlaTargets {
  if (subject.kind === 'ticket') return { acknowledge: null, resolve: policy.tickets.resolve[subject.priority] };
  const category = ComplaintCategory.safeParse(subject.category);
  const severity = Severity.safeParse(subject.severity);
  if (!category.success || !severity.success) {
    const fields: KeyedFieldError[] = [];
    if (!category.success) fields.push(fieldError('category', 'case.needsCategory', { categories: ComplaintCategory.options.join(', ') }));
    if (!severity.success) fields.push(fieldError('severity', 'case.needsSeverity', { severities: Severity.options.join(', ') }));
    throw invalid(fields);
  }
  return complaintTargets(policy, category.data, severity.data);
}

export interface DueTimes {
  /** Complaints only; null on tickets. */
  ackDueAt: Date | null;
  resolveDueAt: Date;
  /** The targets used, kept with the clocks: their minutes are the budget the at-risk share is taken of. */
  targets: SlaTargets;
}

/** Due times of a new case; both clocks start at creation. */
export function computeDueTimes(policy: SlaPolicy, calendar: BusinessCalendar, item: SlaSubject & { createdAt: Date }): DueTimes {
  const targets = targetsFor(policy, item);
  return {
    ackDueAt: targets.acknowledge && addDuration(calendar, item.createdAt, targets.acknowledge),
    resolveDueAt: addDuration(calendar, item.createdAt, targets.resolve),
    targets,
  };
}

/** The resolve due time of a clock that starts again at `from`, as when a case is reopened. */
export function resolveDueFrom(policy: SlaPolicy, calendar: BusinessCalendar, subject: SlaSubject, from: Date): Date {
  return addDuration(calendar, from, targetsFor(policy, subject).resolve);
}
