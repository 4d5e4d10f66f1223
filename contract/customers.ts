import { z } from 'zod';
import { coded } from './messages.js';
import {
  CaseKind,
  CaseStatus,
  ComplaintCategory,
  Direction,
  EndReason,
  InteractionKind,
  Priority,
  Severity,
  SlaClock,
  SlaStatus,
  ClockState,
  ValueTier,
} from './domain.js';
import { CustomerRfm } from './rfm.js';

const text = (max: number) => z.string().trim().max(max);
const isoDate = z.string(); // ISO-8601 timestamps travel as strings over JSON

export const PhoneInput = z
  .object({
    number: z.string().trim().min(1).max(40),
    label: text(20).optional(),
  })
  .strict();
export type PhoneInput = z.infer<typeof PhoneInput>;

export const Phone = z.object({ e164: z.string(), raw: z.string(), label: z.string().nullable() });
export type Phone = z.infer<typeof Phone>;

export const Tag = z.string().trim().min(1).max(40);
/** User ids are 32-bit in the database. */
const UserId = z.number().int().positive().max(2_147_483_647);

export const CustomerCreate = z
  .object({
    name: text(200).min(1),
    phones: z.array(PhoneInput).max(10).default([]),
    email: z.string().trim().email().max(254).nullable().optional(),
    company: text(200).nullable().optional(),
    region: text(100).nullable().optional(),
    address: text(500).nullable().optional(),
    tags: z.array(Tag).max(30).default([]),
    valueTier: ValueTier.default('standard'),
    ownerId: UserId.nullable().optional(),
  })
  .strict();
export type CustomerCreate = z.input<typeof CustomerCreate>;
/** As the server has it once parsed at the edge, defaults filled in. */
export type CustomerCreateParsed = z.output<typeof CustomerCreate>;

export const CustomerPatch = z
  .object({
    name: text(200).min(1),
    phones: z.array(PhoneInput).max(10),
    email: z.string().trim().email().max(254).nullable(),
    company: text(200).nullable(),
    region: text(100).nullable(),
    address: text(500).nullable(),
    tags: z.array(Tag).max(30),
    valueTier: ValueTier,
    ownerId: UserId.nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, coded('input.nothingToChange'));
export type CustomerPatch = z.infer<typeof CustomerPatch>;

export const CustomerSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  company: z.string().nullable(),
  email: z.string().nullable(),
  valueTier: ValueTier,
  tags: z.array(z.string()),
  phones: z.array(Phone),
  lastContactAt: isoDate.nullable(),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const Customer = CustomerSummary.extend({
  region: z.string().nullable(),
  address: z.string().nullable(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** Set once the customer was erased (anonymised) on request. */
  erasedAt: isoDate.nullable().optional(),
  /** The phones are shown masked to this viewer (see PhoneMaskingPolicy); revealing is audited. */
  phonesMasked: z.boolean().optional(),
  /** RFM scores and segment as last computed; null for a customer who never bought. */
  rfm: CustomerRfm.nullable().optional(),
});
export type Customer = z.infer<typeof Customer>;

export const Interaction = z.object({
  id: z.number().int(),
  customerId: z.number().int().nullable(),
  /** The customer's name, for lists of calls ("today's calls"); null when no customer is known. */
  customerName: z.string().nullable(),
  kind: InteractionKind,
  direction: Direction.nullable(),
  callerNumber: z.string().nullable(),
  agentId: z.number().int().nullable(),
  agentName: z.string().nullable(),
  queueName: z.string().nullable(),
  campaignName: z.string().nullable(),
  startedAt: isoDate,
  queuedAt: isoDate.nullable(),
  offeredAt: isoDate.nullable(),
  answeredAt: isoDate.nullable(),
  endedAt: isoDate.nullable(),
  waitSeconds: z.number().int().nullable(),
  talkSeconds: z.number().int().nullable(),
  holdSeconds: z.number().int().nullable(),
  wrapSeconds: z.number().int().nullable(),
  endReason: EndReason.nullable(),
  disposition: z.string().nullable(),
  /**
   * The disposition's words as the server keeps them (the call's queue's code, else the shared
   * one); null when the code is none the server knows, and the console then shows the code.
   */
  dispositionLabel: z.object({ label: z.string(), labelZh: z.string() }).nullable(),
  notes: z.string().nullable(),
  /** Post-call satisfaction score 1–5, when the caller gave one. */
  csatScore: z.number().int().nullable(),
});
export type Interaction = z.infer<typeof Interaction>;

/** The clock that falls due next on an open case, and where it stands. */
export const NextDue = z.object({ clock: SlaClock, dueAt: isoDate, status: SlaStatus });
export type NextDue = z.infer<typeof NextDue>;

/**
 * One SLA clock of a case as the server reads it when it answers. The console shows these and
 * decides nothing itself: only the server knows, for one, that a case waiting for the customer
 * holds its resolution clock.
 */
export const CaseClockReading = z.object({
  clock: SlaClock,
  state: ClockState,
  /** A running clock past the policy's at-risk share of its time (never set once breached). */
  atRisk: z.boolean(),
  dueAt: isoDate,
  /** When the clock stopped (acknowledged, resolved or closed); null while it runs or is paused. */
  stoppedAt: isoDate.nullable(),
  /**
   * Whole seconds from the moment the clock last counted to its due time: from the server's now
   * while it runs, from the start of the pause while paused, from the stop once stopped.
   * Negative when past due.
   */
  remainingSeconds: z.number().int(),
});
export type CaseClockReading = z.infer<typeof CaseClockReading>;

/** A ticket or complaint as the customer pages show it. Complaint-only fields are null on tickets. */
export const CaseSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: CaseKind,
  subject: z.string(),
  status: CaseStatus,
  priority: Priority,
  category: z.string().nullable(),
  severity: Severity.nullable(),
  assigneeName: z.string().nullable(),
  createdAt: isoDate,
  ackDueAt: isoDate.nullable(),
  /** When a complaint was acknowledged; its acknowledgement clock stops then. */
  acknowledgedAt: isoDate.nullable(),
  resolveDueAt: isoDate.nullable(),
  resolvedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  /** Null once no clock runs (resolved, closed, or only a paused one). */
  nextDue: NextDue.nullable(),
  /** Every clock the case has, acknowledgement first. */
  clocks: z.array(CaseClockReading),
});
export type CaseSummary = z.infer<typeof CaseSummary>;
export { ComplaintCategory };

export const InteractionPage = z.object({
  items: z.array(Interaction),
  /** Pass as `before` to get the next (older) page; null when there is none. */
  nextCursor: z.string().nullable(),
});
export type InteractionPage = z.infer<typeof InteractionPage>;

/** The customer 360. `cases` is null for viewers not allowed ticket or complaint details (marketers). */
export const Customer360 = z.object({
  customer: Customer,
  interactions: InteractionPage,
  cases: z
    .object({
      open: z.array(CaseSummary),
      recent: z.array(CaseSummary),
    })
    .nullable(),
});
export type Customer360 = z.infer<typeof Customer360>;

export const CustomerListQuery = z
  .object({
    phone: z.string().trim().min(1).max(60).optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict()
  .refine((v) => (v.phone === undefined) !== (v.q === undefined), { ...coded('customers.phoneOrQuery'), path: ['phone'] });
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const CustomerList = z.object({
  items: z.array(CustomerSummary),
  /** The number as the server normalised it (E.164), for phone look-ups. */
  normalizedPhone: z.string().nullable(),
});
export type CustomerList = z.infer<typeof CustomerList>;

export const InteractionPageQuery = z
  .object({
    before: z.string().max(80).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type InteractionPageQuery = z.infer<typeof InteractionPageQuery>;

export const IdParam = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) }).strict();

/**
 * What an agent sees before answering: every customer on the caller's number (ranked, most
 * recent contact first) and, for the first, the latest interactions and the open cases.
 */
export const ScreenPop = z.object({
  callerNumber: z.string(),
  normalizedPhone: z.string().nullable(),
  matches: z.array(CustomerSummary),
  primary: z
    .object({
      customer: Customer,
      interactions: z.array(Interaction),
      openCases: z.array(CaseSummary).nullable(),
    })
    .nullable(),
});
export type ScreenPop = z.infer<typeof ScreenPop>;

/**
 * The caller's number as shown and logged: as the server normalised it (E.164) when it could,
 * otherwise as the switch gave it.
 */
export function callerNumberOf(normalizedPhone: string | null, dialled: string): string {
  return normalizedPhone ?? dialled;
}

/** POST /api/customers and PATCH /api/customers/:id answer the saved customer. */
export const CustomerResponse = z.object({ customer: Customer });
export type CustomerResponse = z.infer<typeof CustomerResponse>;
