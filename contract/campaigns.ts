// Outbound campaigns: the campaign and its dialing rules, its leads, the do-not-call lists, lead
// imports and the dry run ("who would be dialled now, and why not the others").
import { z } from 'zod';
import { coded } from './messages.js';

export const CAMPAIGN_PURPOSES = ['marketing', 'service'] as const;
export const CampaignPurpose = z.enum(CAMPAIGN_PURPOSES);
export type CampaignPurpose = z.infer<typeof CampaignPurpose>;

export const DIAL_MODES = ['preview', 'progressive', 'predictive'] as const;
export const DialMode = z.enum(DIAL_MODES);
export type DialMode = z.infer<typeof DialMode>;

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'finished'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** A lead's way through a campaign; converted and lost are final (campaigns/rules/lead-status.ts). */
export const LEAD_STATUSES = ['new', 'contacted', 'interested', 'converted', 'lost'] as const;
export const LeadStatus = z.enum(LEAD_STATUSES);
export type LeadStatus = z.infer<typeof LeadStatus>;

/** How a call attempt ended, as the switch or the agent's disposition says. */
export const CALL_OUTCOMES = ['no_answer', 'busy', 'voicemail', 'callback', 'interested', 'sale', 'not_interested', 'wrong_number', 'dnc_request', 'abandoned'] as const;
export const CallOutcome = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcome>;

/** The outcomes that wait and try again, each after its own delay. */
export const RETRY_OUTCOMES = ['no_answer', 'busy', 'voicemail'] as const;
export type RetryOutcome = (typeof RETRY_OUTCOMES)[number];

/** Why the dry run would not dial a lead now, in the order they are checked. */
export const EXCLUSION_REASONS = ['finished', 'dnc', 'no_consent', 'max_attempts', 'callback_scheduled', 'retry_wait', 'abandon_recall', 'frequency_cap', 'outside_window'] as const;
export const ExclusionReason = z.enum(EXCLUSION_REASONS);
export type ExclusionReason = z.infer<typeof ExclusionReason>;

export const LEAD_ORDERS = ['priority', 'score', 'value_tier'] as const;
export const LeadOrder = z.enum(LEAD_ORDERS);
export type LeadOrder = z.infer<typeof LeadOrder>;

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const TimeOfDay = z.string().refine((s) => HH_MM.test(s), coded('calendar.timeOfDay'));
const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

/** The periods an abandon cap is measured over: 30 days per campaign (US), 24 h (UK). */
export const CAP_WINDOWS = ['30d', '24h'] as const;
/** Regulations want an unanswered call to ring at least this long before the dialer gives up. */
export const MIN_RING_SECONDS = 15;
export const CapWindow = z.enum(CAP_WINDOWS);
export type CapWindow = z.infer<typeof CapWindow>;

export const CampaignPacing = z
  .object({
    /** Highest share of live-answered calls that may be abandoned in a cap window, in percent. */
    abandonCapPercent: z.number().min(0).max(10).default(3),
    capWindow: CapWindow.default('30d'),
    /** How long an unanswered call rings before the dialer hangs up: at least 15 s by regulation. */
    ringSeconds: z.number().int().min(MIN_RING_SECONDS).max(120).default(25),
  })
  .strict();
export type CampaignPacing = z.infer<typeof CampaignPacing>;

/** The rules one campaign dials by. Every field has a default, so `{}` is a valid set. */
export const CampaignRules = z
  .object({
    /** Calling window in the lead's local time, on these weekdays (0 = Sunday). */
    window: z
      .object({
        start: TimeOfDay.default('08:00'),
        end: TimeOfDay.default('21:00'),
        days: z.array(z.number().int().min(0).max(6)).min(1).max(7).default([0, 1, 2, 3, 4, 5, 6]),
      })
      .strict()
      .refine((w) => !HH_MM.test(w.start) || !HH_MM.test(w.end) || minutes(w.end) > minutes(w.start), { ...coded('calendar.endAfterStart'), path: ['end'] })
      .default({}),
    /** No calls on the business calendar's holidays. */
    skipHolidays: z.boolean().default(true),
    /** Calls to one number across all campaigns, at most this many per local day and per 7 days. */
    capPerDay: z.number().int().min(1).max(20).default(1),
    capPerWeek: z.number().int().min(1).max(100).default(3),
    maxAttempts: z.number().int().min(1).max(50).default(5),
    /** Minutes to wait before trying again after each outcome. */
    retryMinutes: z
      .object({
        no_answer: z.number().int().min(1).max(43_200).default(120),
        busy: z.number().int().min(1).max(43_200).default(15),
        voicemail: z.number().int().min(1).max(43_200).default(240),
      })
      .strict()
      .default({}),
    /** After an abandoned call, no call to that number for this long. */
    abandonRecallHours: z.number().int().min(0).max(720).default(72),
    order: LeadOrder.default('priority'),
    /** How the progressive and predictive dialers pace this campaign (regulation decides these). */
    pacing: CampaignPacing.default({}),
  })
  .strict();
export type CampaignRules = z.infer<typeof CampaignRules>;
export type CampaignRulesInput = z.input<typeof CampaignRules>;

const Name = z.string().trim().min(1).max(200);

export const CampaignCreate = z
  .object({ name: Name, purpose: CampaignPurpose, mode: DialMode, rules: CampaignRules.optional() })
  .strict();
export type CampaignCreate = z.infer<typeof CampaignCreate>;

export const CampaignUpdate = z
  .object({
    version: z.number().int().min(0).max(2_147_483_647),
    name: Name.optional(),
    mode: DialMode.optional(),
    rules: CampaignRules.optional(),
    /** The agents who work it (replaces the list). */
    agentIds: z.array(z.number().int().positive().max(2_147_483_647)).max(500).optional(),
  })
  .strict();
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

export const LeadCounts = z.object({
  total: z.number().int(),
  byStatus: z.record(LeadStatus, z.number().int()),
  dialled: z.number().int(),
});
// zod reads a record over an enum as partial; every status is always there.
export type LeadCounts = Omit<z.infer<typeof LeadCounts>, 'byStatus'> & { byStatus: Record<LeadStatus, number> };

export const Campaign = z.object({
  id: z.number().int(),
  name: z.string(),
  purpose: CampaignPurpose,
  mode: DialMode,
  status: CampaignStatus,
  rules: CampaignRules,
  ownerId: z.number().int(),
  ownerName: z.string().nullable(),
  agentIds: z.array(z.number().int()),
  version: z.number().int(),
  createdAt: z.string(),
  leads: LeadCounts,
});
export type Campaign = Omit<z.infer<typeof Campaign>, 'leads'> & { leads: LeadCounts };

export const CampaignList = z.object({ items: z.array(Campaign) });
export type CampaignList = { items: Campaign[] };

// ── imports ─────────────────────────────────────────────────────────────────

export const IMPORT_REJECTIONS = [
  'phone_missing',
  'phone_invalid',
  'duplicate_in_file',
  'already_in_campaign',
  'existing_customer',
  'name_too_long',
  'bad_priority',
  'bad_score',
  'bad_time_zone',
  'too_many_columns',
] as const;
export const ImportRejection = z.enum(IMPORT_REJECTIONS);
export type ImportRejection = z.infer<typeof ImportRejection>;

/** Which header names the file's columns by; absent: the column is named as the field. */
export const LeadImportQuery = z
  .object({
    phone: z.string().trim().min(1).max(100).optional(),
    name: z.string().trim().min(1).max(100).optional(),
    priority: z.string().trim().min(1).max(100).optional(),
    score: z.string().trim().min(1).max(100).optional(),
    timezone: z.string().trim().min(1).max(100).optional(),
    /** A number that is already a customer's: link the lead to that customer (merge) or reject the row (skip). */
    existing: z.enum(['merge', 'skip']).default('merge'),
  })
  .strict();
export type LeadImportQuery = z.infer<typeof LeadImportQuery>;

export const RejectedRow = z.object({
  /** The data row's number in the file, 1 = the first line after the header. */
  row: z.number().int(),
  reason: ImportRejection,
  /** What was wrong, when it helps (the value read, or the row it duplicates). */
  detail: z.string().nullable(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;

export const LeadImportResult = z.object({
  importId: z.number().int(),
  rowsRead: z.number().int(),
  imported: z.number().int(),
  /** New customers made for numbers nobody had. */
  customersCreated: z.number().int(),
  rejected: z.array(RejectedRow),
});
export type LeadImportResult = z.infer<typeof LeadImportResult>;

export const LeadImportView = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  status: z.enum(['running', 'done', 'failed']),
  rowsRead: z.number().int(),
  imported: z.number().int(),
  rejected: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type LeadImportView = z.infer<typeof LeadImportView>;

export const ImportIdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), importId: z.coerce.number().int().positive().max(2_147_483_647) }).strict();

// ── do-not-call ─────────────────────────────────────────────────────────────

export const DNC_SOURCES = ['manual', 'call', 'import'] as const;
export const DncSource = z.enum(DNC_SOURCES);
export type DncSource = z.infer<typeof DncSource>;

export const DncCreate = z
  .object({
    number: z.string().trim().min(1).max(60),
    /** Absent: the global list, for every campaign. */
    campaignId: z.number().int().positive().max(2_147_483_647).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type DncCreate = z.infer<typeof DncCreate>;

export const DncEntry = z.object({
  id: z.number().int(),
  number: z.string(),
  campaignId: z.number().int().nullable(),
  source: DncSource,
  note: z.string().nullable(),
  addedById: z.number().int().nullable(),
  addedByName: z.string().nullable(),
  addedAt: z.string(),
});
export type DncEntry = z.infer<typeof DncEntry>;

export const DncQuery = z
  .object({
    campaignId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type DncQuery = z.infer<typeof DncQuery>;

export const DncList = z.object({ items: z.array(DncEntry) });
export type DncList = z.infer<typeof DncList>;

// ── dry run ─────────────────────────────────────────────────────────────────

export const DryRunLead = z.object({
  leadId: z.number().int(),
  customerId: z.number().int(),
  phone: z.string(),
  name: z.string().nullable(),
  status: LeadStatus,
  attempts: z.number().int(),
  timeZone: z.string(),
  /** The lead's local time now, 'HH:MM'. */
  localTime: z.string(),
});
export type DryRunLead = z.infer<typeof DryRunLead>;

export const DryRunQuery = z
  .object({
    /** How many of the dialable leads to list, in dialing order. */
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    samples: z.coerce.number().int().min(0).max(100).default(10),
  })
  .strict();
export type DryRunQuery = z.infer<typeof DryRunQuery>;

export const DryRun = z.object({
  at: z.string(),
  /** The first `limit` leads that would be dialled now, in order. */
  wouldDial: z.array(DryRunLead),
  wouldDialCount: z.number().int(),
  /** Leads not dialled now, per reason (each lead counted once, under its first reason). */
  excluded: z.record(ExclusionReason, z.number().int()),
  samples: z.record(ExclusionReason, z.array(DryRunLead)),
});
/** Every reason is always present (zod reads a record over an enum as partial). */
export type DryRun = Omit<z.infer<typeof DryRun>, 'excluded' | 'samples'> & { excluded: Record<ExclusionReason, number>; samples: Record<ExclusionReason, DryRunLead[]> };

export const CampaignIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) }).strict();
export const LeadIdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), leadId: z.coerce.number().int().positive().max(2 ** 53 - 1) }).strict();

// ── preview dialing ─────────────────────────────────────────────────────────

export const LeadAttempt = z.object({ at: z.string(), outcome: CallOutcome, agentName: z.string().nullable() });
export type LeadAttempt = z.infer<typeof LeadAttempt>;

/** The lead an agent is offered in preview mode, with what is known of it. */
export const PreviewLead = z.object({
  campaignId: z.number().int(),
  campaignName: z.string(),
  lead: DryRunLead,
  valueTier: z.string(),
  attempts: z.array(LeadAttempt),
});
export type PreviewLead = z.infer<typeof PreviewLead>;

export const NextLead = z.object({ lead: PreviewLead.nullable() });
export type NextLead = z.infer<typeof NextLead>;

export const SKIP_REASONS = ['wrong_time', 'needs_research', 'duplicate', 'other'] as const;
export const LeadSkip = z.object({ reason: z.enum(SKIP_REASONS) }).strict();
export type LeadSkip = z.infer<typeof LeadSkip>;

export const LeadDisposition = z
  .object({
    outcome: CallOutcome,
    /** For `callback`: when to call again (ISO time). */
    callbackAt: z.string().datetime({ offset: true }).optional(),
    interactionId: z.number().int().positive().max(2 ** 53 - 1).optional(),
  })
  .strict();
export type LeadDisposition = z.infer<typeof LeadDisposition>;
