// The SLA policy's category exceptions as the Settings page edits them: per complaint category,
// for some severities, its own acknowledgement and/or resolution target; what an exception does
// not set comes from the targets by severity (the server's rule, contract's complaintTargets). Pure.
import {
  COMPLAINT_CATEGORIES,
  SEVERITIES,
  type ComplaintCategory,
  type FieldError,
  type Severity,
  type SlaDuration,
  type SlaPolicy,
  type TargetOverride,
} from '@kefu/contract';
import { fromDraft, toDraft, type DurationDraft } from './settings-form.js';

export interface ExceptionDraft {
  severity: Severity;
  /** Off: the category uses the severity's target for this clock. */
  ackOn: boolean;
  ack: DurationDraft;
  resolveOn: boolean;
  resolve: DurationDraft;
}

export type ExceptionDrafts = Record<ComplaintCategory, ExceptionDraft[]>;
export type ByCategory = SlaPolicy['complaints']['byCategory'];

/** Form field names as the server names them, so its errors land on the same fields. */
export const exceptionField = (category: ComplaintCategory, severity: Severity, clock?: 'acknowledge' | 'resolve') =>
  `complaints.byCategory.${category}.${severity}${clock ? `.${clock}` : ''}`;

export function draftExceptions(policy: SlaPolicy): ExceptionDrafts {
  const drafts = {} as ExceptionDrafts;
  for (const category of COMPLAINT_CATEGORIES) {
    const own = policy.complaints.byCategory[category] ?? {};
    drafts[category] = SEVERITIES.flatMap((severity) => {
      const o = own[severity];
      if (!o) return [];
      // A clock without its own target still gets a starting value, should the admin switch it on.
      const base = policy.complaints.bySeverity[severity];
      return [{ severity, ackOn: !!o.acknowledge, ack: toDraft(o.acknowledge ?? base.acknowledge), resolveOn: !!o.resolve, resolve: toDraft(o.resolve ?? base.resolve) }];
    });
  }
  return drafts;
}

/** The severities a category has no exception for yet, mildest first. */
export function freeSeverities(list: readonly ExceptionDraft[]): Severity[] {
  return SEVERITIES.filter((s) => !list.some((e) => e.severity === s));
}

/**
 * A new exception, starting from the severity's targets as the form shows them with both clocks
 * on, so the admin changes only what differs. Kept in severity order.
 */
export function withException(list: readonly ExceptionDraft[], severity: Severity, from: { acknowledge: DurationDraft; resolve: DurationDraft }): ExceptionDraft[] {
  const added: ExceptionDraft = { severity, ackOn: true, ack: { ...from.acknowledge }, resolveOn: true, resolve: { ...from.resolve } };
  return [...list, added].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/** The value to save, and what must be corrected first (nothing is sent while there is any). */
export function exceptionsValue(drafts: ExceptionDrafts, messages: { badAmount: string; noTarget: string }): { value: ByCategory; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const value: ByCategory = {};
  const duration = (d: DurationDraft, field: string): SlaDuration | undefined => {
    const v = fromDraft(d);
    if (!v) problems.push({ field, message: messages.badAmount });
    return v ?? undefined;
  };
  for (const category of COMPLAINT_CATEGORIES) {
    if (drafts[category].length === 0) continue;
    const own: Partial<Record<Severity, TargetOverride>> = {};
    for (const e of drafts[category]) {
      // An exception that sets nothing would silently mean "as by severity": ask instead.
      if (!e.ackOn && !e.resolveOn) problems.push({ field: exceptionField(category, e.severity), message: messages.noTarget });
      const o: TargetOverride = {};
      if (e.ackOn) o.acknowledge = duration(e.ack, exceptionField(category, e.severity, 'acknowledge'));
      if (e.resolveOn) o.resolve = duration(e.resolve, exceptionField(category, e.severity, 'resolve'));
      own[e.severity] = o;
    }
    value[category] = own;
  }
  return { value, problems };
}
