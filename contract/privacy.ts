// Personal data rights (PIPL, and the GDPR's same features): consent per purpose, phone masking
// by role, the customer's data export and erasure. Server and console read these shapes.
import { z } from 'zod';
import { Role } from './domain.js';
import { coded } from './messages.js';
import { CaseKind, CaseStatus, Direction, EndReason, InteractionKind } from './domain.js';

/** What a customer may consent to. Outbound campaigns read the marketing ones before dialling. */
export const CONSENT_PURPOSES = ['service_calls', 'marketing_calls', 'marketing_sms'] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

export const CONSENT_DECISIONS = ['given', 'withdrawn'] as const;
export const ConsentDecision = z.enum(CONSENT_DECISIONS);
export type ConsentDecision = z.infer<typeof ConsentDecision>;

/** How the customer told us: on a call, through a web form, or in an imported list. */
export const CONSENT_CHANNELS = ['call', 'web_form', 'import'] as const;
export const ConsentChannel = z.enum(CONSENT_CHANNELS);
export type ConsentChannel = z.infer<typeof ConsentChannel>;

/** One decision as recorded; records are never changed, the latest per purpose is in force. */
export const ConsentRecord = z.object({
  id: z.number().int(),
  purpose: ConsentPurpose,
  decision: ConsentDecision,
  channel: ConsentChannel,
  at: z.string(),
  recordedById: z.number().int().nullable(),
  recordedByName: z.string().nullable(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

/** Where one purpose stands now: `unknown` when the customer never said. */
export const ConsentState = z.object({
  purpose: ConsentPurpose,
  state: z.enum(['given', 'withdrawn', 'unknown']),
  at: z.string().nullable(),
  channel: ConsentChannel.nullable(),
});
export type ConsentState = z.infer<typeof ConsentState>;

export const CustomerConsents = z.object({
  /** One entry per purpose, in CONSENT_PURPOSES order. */
  current: z.array(ConsentState),
  /** Every record, newest first. */
  history: z.array(ConsentRecord),
});
export type CustomerConsents = z.infer<typeof CustomerConsents>;

export const ConsentCreate = z
  .object({
    purpose: ConsentPurpose,
    decision: ConsentDecision,
    channel: ConsentChannel,
  })
  .strict();
export type ConsentCreate = z.infer<typeof ConsentCreate>;

/** Which roles see phone numbers masked (e.g. 138****8000) on the customer pages and searches. */
export const PhoneMaskingPolicy = z
  .object({
    maskedRoles: z.array(Role).max(4).refine((r) => new Set(r).size === r.length, coded('privacy.roleOnce')),
  })
  .strict();
export type PhoneMaskingPolicy = z.infer<typeof PhoneMaskingPolicy>;
export const DEFAULT_PHONE_MASKING: PhoneMaskingPolicy = { maskedRoles: ['marketer'] };

export const PhoneMaskingSetting = z.object({ value: PhoneMaskingPolicy, version: z.number().int() });
export type PhoneMaskingSetting = z.infer<typeof PhoneMaskingSetting>;
export const PhoneMaskingSave = z.object({ value: PhoneMaskingPolicy, version: z.number().int().min(0).max(2_147_483_647) }).strict();

/** POST /api/customers/:id/phones/reveal: the full numbers, for a viewer who sees them masked. */
export const RevealedPhones = z.object({ phones: z.array(z.object({ e164: z.string(), raw: z.string(), label: z.string().nullable() })) });
export type RevealedPhones = z.infer<typeof RevealedPhones>;

export const EXPORT_FORMATS = ['json', 'csv'] as const;
export const ExportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('json') }).strict();

/** GET /api/customers/:id/export: everything kefu holds about one customer. */
export const CustomerExport = z.object({
  exportedAt: z.string(),
  profile: z.object({
    id: z.number().int(),
    name: z.string(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    region: z.string().nullable(),
    address: z.string().nullable(),
    tags: z.array(z.string()),
    valueTier: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastContactAt: z.string().nullable(),
    erasedAt: z.string().nullable(),
  }),
  phones: z.array(z.object({ e164: z.string(), raw: z.string(), label: z.string().nullable() })),
  consents: z.array(ConsentRecord),
  interactions: z.array(
    z.object({
      id: z.number().int(),
      kind: InteractionKind,
      direction: Direction.nullable(),
      callerNumber: z.string().nullable(),
      agentName: z.string().nullable(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      talkSeconds: z.number().int().nullable(),
      endReason: EndReason.nullable(),
      disposition: z.string().nullable(),
      notes: z.string().nullable(),
      csatScore: z.number().int().nullable(),
    }),
  ),
  cases: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      kind: CaseKind,
      status: CaseStatus,
      subject: z.string(),
      description: z.string().nullable(),
      resolution: z.string().nullable(),
      createdAt: z.string(),
      closedAt: z.string().nullable(),
    }),
  ),
  caseNotes: z.array(z.object({ caseId: z.number().int(), at: z.string(), type: z.string(), text: z.string() })),
});
export type CustomerExport = z.infer<typeof CustomerExport>;

/** Why a customer cannot be erased now: a case the law may need (a complaint, a dispute). */
export const LEGAL_HOLD_KINDS = ['open_complaint', 'dispute'] as const;
export const LegalHoldKind = z.enum(LEGAL_HOLD_KINDS);
export type LegalHoldKind = z.infer<typeof LegalHoldKind>;

export const ErasureResult = z.object({
  customerId: z.number().int(),
  erasedAt: z.string(),
  /** What was replaced or redacted, for the requester's record. */
  counts: z.object({
    phones: z.number().int(),
    interactions: z.number().int(),
    notes: z.number().int(),
    cases: z.number().int(),
    caseEvents: z.number().int(),
    followUps: z.number().int(),
  }),
});
export type ErasureResult = z.infer<typeof ErasureResult>;

/** How long each kind of record is kept, in days; null keeps it for good (the default). */
const Days = z.number().int().min(1).max(36_500).nullable();
export const RetentionPolicy = z
  .object({
    /** Call notes are redacted after this many days; the call itself stays. */
    callNotesDays: Days,
    /** Ended calls (and their offers and links) are deleted after this many days. */
    interactionsDays: Days,
    /**
     * Audit entries: not set here. Their period is the operator's (KEFU_AUDIT_RETENTION_DAYS),
     * since the log is also the evidence of who saw what; see AuditRetentionStatus.
     */
    auditDays: Days.refine((d) => d === null, coded('retention.auditKeptForGood')),
  })
  .strict();
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;
export const DEFAULT_RETENTION: RetentionPolicy = { callNotesDays: null, interactionsDays: null, auditDays: null };

/** What one retention run removed. */
export const RetentionReport = z.object({ at: z.string(), callNotes: z.number().int(), interactions: z.number().int() });
export type RetentionReport = z.infer<typeof RetentionReport>;

export const RetentionSetting = z.object({ value: RetentionPolicy, version: z.number().int(), lastRun: RetentionReport.nullable() });
export type RetentionSetting = z.infer<typeof RetentionSetting>;
export const RetentionSave = z.object({ value: RetentionPolicy, version: z.number().int().min(0).max(2_147_483_647) }).strict();
