// Case work over REST and Socket.IO: tickets and complaints with their timeline, SLA clocks,
// escalations, follow-up tasks (回访), wrap-up dispositions and reports.
import { z } from 'zod';
import { coded, orList } from './messages.js';
import {
  CaseAction,
  CaseKind,
  CaseStatus,
  ComplaintCategory,
  ComplaintChannel,
  EscalationLevel,
  FollowUpOutcome,
  FollowUpReason,
  FollowUpStatus,
  Priority,
  RootCause,
  Severity,
  SlaClock,
  SlaStatus,
  ValueTier,
} from './domain.js';
import { CaseSummary, Interaction, Tag } from './customers.js';
import { NotReadyReasonCode } from './work-codes.js';

const isoDate = z.string();
const text = (max: number) => z.string().trim().max(max);
const Id = z.number().int().positive().max(2 ** 53 - 1);
const UserId = z.number().int().positive().max(2_147_483_647);
const Version = z.number().int().positive().max(2_147_483_647);
/** A time the client sends: ISO-8601 with a zone, so "3 pm" is never ambiguous. */
const IsoInput = z.string().datetime({ offset: true });

export const CaseDetail = CaseSummary.extend({
  customer: z.object({ id: z.number().int(), name: z.string(), valueTier: ValueTier }),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  assigneeId: z.number().int().nullable(),
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
  channel: ComplaintChannel.nullable(),
  rootCause: RootCause.nullable(),
  resolution: z.string().nullable(),
  compensation: z.string().nullable(),
  customerConfirmed: z.boolean().nullable(),
  contactAttempts: z.number().int(),
  createdByName: z.string().nullable(),
  updatedAt: isoDate,
  version: z.number().int(),
  /** Satisfaction scores (1–5) given on calls linked to this case, newest first. */
  csatScores: z.array(z.object({ interactionId: z.number().int(), score: z.number().int(), at: isoDate })),
  /**
   * The status moves the signed-in viewer may make now: what the status machine offers from this
   * status, and nothing when the viewer may not change the case. A complaint's own conditions
   * (resolution and root cause to resolve, confirmation or a contact attempt to close) are not
   * weighed: such a move is listed and, when something is missing, refused with the reason.
   */
  allowedActions: z.array(CaseAction),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const TimelineEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('event'),
    at: isoDate,
    actorName: z.string().nullable(),
    /** created, status, assigned, note, linked, unlinked, field, at_risk, breached, escalated, follow_up, contact_attempt */
    type: z.string(),
    detail: z.record(z.unknown()),
  }),
  z.object({ kind: z.literal('interaction'), at: isoDate, interaction: Interaction }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const CaseResponse = z.object({ case: CaseDetail, timeline: z.array(TimelineEntry) });
export type CaseResponse = z.infer<typeof CaseResponse>;

export const CaseCreate = z
  .object({
    kind: CaseKind,
    customerId: Id,
    subject: text(300).min(1),
    description: text(10_000).nullable().optional(),
    priority: Priority.default('P3'),
    category: text(60).nullable().optional(),
    tags: z.array(Tag).max(30).default([]),
    assigneeId: UserId.nullable().optional(),
    teamId: UserId.nullable().optional(),
    channel: ComplaintChannel.nullable().optional(),
    severity: Severity.nullable().optional(),
    /** The call (or other interaction) this case comes from: linked at once. */
    interactionId: Id.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind !== 'complaint') return;
    if (!ComplaintCategory.safeParse(v.category).success) {
      ctx.addIssue({ code: 'custom', path: ['category'], ...coded('cases.complaintNeedsCategory', { categories: orList(ComplaintCategory.options) }) });
    }
    if (!v.severity) ctx.addIssue({ code: 'custom', path: ['severity'], ...coded('cases.complaintNeedsSeverity') });
  });
export type CaseCreate = z.input<typeof CaseCreate>;
/** As the server has it once parsed at the edge, defaults filled in. */
export type CaseCreateParsed = z.output<typeof CaseCreate>;

/** Field edits; `version` is the one the editor saw, so a concurrent save gets a 409. */
export const CasePatch = z
  .object({
    version: Version,
    subject: text(300).min(1).optional(),
    description: text(10_000).nullable().optional(),
    priority: Priority.optional(),
    category: text(60).nullable().optional(),
    tags: z.array(Tag).max(30).optional(),
    assigneeId: UserId.nullable().optional(),
    teamId: UserId.nullable().optional(),
    channel: ComplaintChannel.nullable().optional(),
    severity: Severity.optional(),
    rootCause: RootCause.nullable().optional(),
    resolution: text(10_000).nullable().optional(),
    compensation: text(2_000).nullable().optional(),
    customerConfirmed: z.boolean().nullable().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 1, coded('input.nothingToChange'));
export type CasePatch = z.infer<typeof CasePatch>;

export const CaseTransitionRequest = z
  .object({
    version: Version,
    action: CaseAction,
    /** Resolving a complaint may carry its resolution and root cause in the same step. */
    resolution: text(10_000).min(1).optional(),
    rootCause: RootCause.optional(),
    note: text(2_000).optional(),
  })
  .strict();
export type CaseTransitionRequest = z.infer<typeof CaseTransitionRequest>;

export const CaseNoteRequest = z.object({ text: text(5_000).min(1) }).strict();
export const ContactAttemptRequest = z.object({ note: text(2_000).min(1) }).strict();
export const LinkInteractionRequest = z.object({ interactionId: Id }).strict();

export const CaseListQuery = z
  .object({
    kind: CaseKind.optional(),
    status: z.union([CaseStatus, z.literal('active')]).optional(),
    priority: Priority.optional(),
    category: text(60).min(1).optional(),
    /** me, none, or a user id */
    assignee: z.union([z.enum(['me', 'none']), z.coerce.number().int().positive().max(2_147_483_647)]).optional(),
    teamId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    due: z.enum(['overdue', 'today', 'week']).optional(),
    sla: SlaStatus.optional(),
    q: text(100).min(1).optional(),
    customerId: z.coerce.number().int().positive().optional(),
    before: z.string().max(80).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseListItem = CaseSummary.extend({ customerName: z.string(), teamName: z.string().nullable() });
export type CaseListItem = z.infer<typeof CaseListItem>;

export const CaseList = z.object({ items: z.array(CaseListItem), nextCursor: z.string().nullable() });
export type CaseList = z.infer<typeof CaseList>;

// ── follow-up tasks ───────────────────────────────────────────────────────────

export const FollowUpTask = z.object({
  id: z.number().int(),
  caseId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  interactionId: z.number().int().nullable(),
  customerId: z.number().int(),
  customerName: z.string(),
  /** The number to dial: the customer's first phone, E.164. */
  phone: z.string().nullable(),
  assigneeId: z.number().int().nullable(),
  assigneeName: z.string().nullable(),
  teamId: z.number().int().nullable(),
  dueAt: isoDate,
  status: FollowUpStatus,
  outcome: FollowUpOutcome.nullable(),
  attempts: z.number().int(),
  reason: FollowUpReason,
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoDate,
  completedAt: isoDate.nullable(),
});
export type FollowUpTask = z.infer<typeof FollowUpTask>;

export const FollowUpCreate = z
  .object({
    caseId: Id,
    dueAt: IsoInput,
    assigneeId: UserId.nullable().optional(),
    teamId: UserId.nullable().optional(),
    note: text(2_000).optional(),
  })
  .strict();
export type FollowUpCreate = z.infer<typeof FollowUpCreate>;

export const FollowUpOutcomeRequest = z
  .object({ version: Version, outcome: FollowUpOutcome, note: text(2_000).optional(), interactionId: Id.optional() })
  .strict();
export type FollowUpOutcomeRequest = z.infer<typeof FollowUpOutcomeRequest>;

export const FollowUpList = z.object({ items: z.array(FollowUpTask) });
export type FollowUpList = z.infer<typeof FollowUpList>;

// ── "my work" and escalations ─────────────────────────────────────────────────

export const MyWork = z.object({ cases: z.array(CaseListItem), followUps: z.array(FollowUpTask) });
export type MyWork = z.infer<typeof MyWork>;

export const EscalationView = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  caseNumber: z.string(),
  caseKind: CaseKind,
  subject: z.string(),
  customerName: z.string(),
  assigneeName: z.string().nullable(),
  clock: SlaClock,
  level: EscalationLevel,
  dueAt: isoDate,
  firedAt: isoDate,
  acknowledgedAt: isoDate.nullable(),
  /** Who acknowledged it: the recipient, or an admin on their behalf. */
  acknowledgedBy: z.string().nullable(),
});
export type EscalationView = z.infer<typeof EscalationView>;

export const EscalationListQuery = z
  .object({
    /** The `nextCursor` of the page before; absent for the first page. */
    cursor: z.string().max(120).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export type EscalationListQuery = z.infer<typeof EscalationListQuery>;

/** Unacknowledged first, then newest first (id breaks ties), so paging neither repeats nor skips. */
export const EscalationList = z.object({
  items: z.array(EscalationView),
  /** Pass as `cursor` for the next page; null when there is none. */
  nextCursor: z.string().nullable(),
  /** Unacknowledged escalations of the viewer in all, loaded or not: what the badge shows. */
  unread: z.number().int().nonnegative(),
});
export type EscalationList = z.infer<typeof EscalationList>;

// ── wrap-up ───────────────────────────────────────────────────────────────────

export const DispositionCode = z.object({ code: z.string(), label: z.string(), labelZh: z.string() });
export type DispositionCode = z.infer<typeof DispositionCode>;
export const DispositionList = z.object({ items: z.array(DispositionCode) });
export type DispositionList = z.infer<typeof DispositionList>;

export const WrapUpCommand = z
  .object({
    interactionId: Id,
    disposition: z.string().trim().min(1).max(40),
    notes: z.string().max(10_000).optional(),
    /** Then: back to Ready (default) or Not ready with a reason. */
    then: z.enum(['ready', 'not_ready']).default('ready'),
    /** Checked against the admin's active reasons when `then` is not_ready. */
    reason: NotReadyReasonCode.default('break'),
  })
  .strict();
export type WrapUpCommand = z.input<typeof WrapUpCommand>;
/** As the server has it once parsed at the edge, defaults filled in. */
export type WrapUpCommandParsed = z.output<typeof WrapUpCommand>;

export const CallCaseCommand = z.object({ interactionId: Id, caseId: Id }).strict();
export type CallCaseCommand = z.infer<typeof CallCaseCommand>;

// ── reports ───────────────────────────────────────────────────────────────────

export const ReportQuery = z
  .object({ from: IsoInput, to: IsoInput, teamId: z.coerce.number().int().positive().optional() })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { ...coded('report.fromBeforeTo'), path: ['from'] });
export type ReportQuery = z.infer<typeof ReportQuery>;

const Count = z.object({ key: z.string(), count: z.number().int() });
export const CaseReport = z.object({
  from: isoDate,
  to: isoDate,
  backlog: z.object({ byStatus: z.array(Count), byPriority: z.array(Count), openTotal: z.number().int() }),
  sla: z.object({
    /** Cases whose clock stopped in the period: how many in time. */
    resolvedInTime: z.number().int(),
    resolvedLate: z.number().int(),
    acknowledgedInTime: z.number().int(),
    acknowledgedLate: z.number().int(),
    openBreached: z.number().int(),
    openAtRisk: z.number().int(),
  }),
  complaints: z.object({ byCategory: z.array(Count), byRootCause: z.array(Count) }),
  csat: z.object({
    byQueue: z.array(z.object({ key: z.string(), responses: z.number().int(), average: z.number() })),
    byAgent: z.array(z.object({ key: z.string(), responses: z.number().int(), average: z.number() })),
  }),
});
export type CaseReport = z.infer<typeof CaseReport>;

export const UserOption = z.object({ id: z.number().int(), displayName: z.string(), role: z.string(), teamId: z.number().int().nullable() });
export const UserOptions = z.object({ users: z.array(UserOption), teams: z.array(z.object({ id: z.number().int(), name: z.string() })) });
export type UserOptions = z.infer<typeof UserOptions>;
