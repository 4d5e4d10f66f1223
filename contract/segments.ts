// Purchases, RFM and segments: what customers bought (imported from files as dial lists are),
// their recency, frequency and monetary scores with the named segment those give, and the
// segment builder's filters, count, sample and "save as a campaign's dial list".
import { z } from 'zod';
import { CampaignPurpose } from './campaigns.js';
import { ConsentPurpose } from './privacy.js';
import { Tag } from './customers.js';
import { ValueTier } from './domain.js';
import { RFM_SEGMENTS, RfmSegment } from './rfm.js';

// ── purchases import ────────────────────────────────────────────────────────

/** Why a row of a purchases file was not imported. */
export const PURCHASE_REJECTIONS = [
  'customer_missing',
  'customer_unknown',
  'bad_date',
  'bad_amount',
  'bad_currency',
  'text_too_long',
  'duplicate_order',
  'too_many_columns',
] as const;
export const PurchaseRejection = z.enum(PURCHASE_REJECTIONS);
export type PurchaseRejection = z.infer<typeof PurchaseRejection>;

const ColumnName = z.string().trim().min(1).max(100).optional();

/** Which header names the file's columns by; absent: the column is named as the field. */
export const PurchaseImportQuery = z
  .object({
    /** The customer's id in kefu; or else… */
    customer: ColumnName,
    /** …one of the customer's phone numbers. */
    phone: ColumnName,
    date: ColumnName,
    amount: ColumnName,
    currency: ColumnName,
    product: ColumnName,
    category: ColumnName,
    /** The shop's order number: a second import of the same order is refused as a duplicate. */
    order: ColumnName,
  })
  .strict();
export type PurchaseImportQuery = z.infer<typeof PurchaseImportQuery>;

export const PurchaseRejectedRow = z.object({ row: z.number().int(), reason: PurchaseRejection, detail: z.string().nullable() });
export type PurchaseRejectedRow = z.infer<typeof PurchaseRejectedRow>;

export const PurchaseImportResult = z.object({
  importId: z.number().int(),
  rowsRead: z.number().int(),
  imported: z.number().int(),
  rejected: z.array(PurchaseRejectedRow),
});
export type PurchaseImportResult = z.infer<typeof PurchaseImportResult>;

// ── RFM runs ────────────────────────────────────────────────────────────────

export const RfmRun = z.object({
  id: z.number().int(),
  trigger: z.enum(['nightly', 'manual']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Customers scored (those with at least one purchase). */
  customers: z.number().int(),
  /** Customers per segment after the run. */
  segments: z.record(RfmSegment, z.number().int()),
});
export type RfmRun = Omit<z.infer<typeof RfmRun>, 'segments'> & { segments: Record<RfmSegment, number> };

export const RfmStatus = z.object({ lastRun: RfmRun.nullable() });
export type RfmStatus = { lastRun: RfmRun | null };

// ── segments ────────────────────────────────────────────────────────────────

const Days = z.number().int().min(1).max(3650);
/** `none`: customers who never bought (they have no RFM segment). */
export const SEGMENT_RFM_CHOICES = [...RFM_SEGMENTS, 'none'] as const;
export const OPEN_CASE_CHOICES = ['has', 'has_not'] as const;
export const CONSENT_CHOICES = ['given', 'withdrawn', 'unknown'] as const;

/** The segment builder's filters; each one given narrows the set (AND), a list matches any of its values. */
export const SegmentFilter = z
  .object({
    valueTiers: z.array(ValueTier).min(1).max(4).optional(),
    rfmSegments: z.array(z.enum(SEGMENT_RFM_CHOICES)).min(1).max(SEGMENT_RFM_CHOICES.length).optional(),
    /** Customers with any of these tags. */
    tags: z.array(Tag).min(1).max(30).optional(),
    /** Customers in any of these regions (case ignored). */
    regions: z.array(z.string().trim().min(1).max(100)).min(1).max(50).optional(),
    /** Last contact more than N days ago (never contacted counts as long ago). */
    lastContactOlderThanDays: Days.optional(),
    /** Last contact within the last N days. */
    lastContactNewerThanDays: Days.optional(),
    openCases: z.enum(OPEN_CASE_CHOICES).optional(),
    /** The customer's decision in force for a purpose (silence is `unknown`). */
    consent: z.object({ purpose: ConsentPurpose, decision: z.enum(CONSENT_CHOICES) }).strict().optional(),
    /** Everything the customer bought adds up to at least this amount. */
    minTotalSpent: z.number().min(0).max(1e12).optional(),
    /** At least `count` purchases in the last `days` days. */
    recentPurchases: z.object({ days: Days, count: z.number().int().min(1).max(100_000) }).strict().optional(),
  })
  .strict();
export type SegmentFilter = z.infer<typeof SegmentFilter>;

/** Why a customer matching the filters would not be on a dial list. */
export const SEGMENT_EXCLUSIONS = ['no_phone', 'dnc', 'no_consent'] as const;
export type SegmentExclusion = (typeof SEGMENT_EXCLUSIONS)[number];

export const SegmentQuery = z
  .object({
    filter: SegmentFilter,
    /** A marketing list needs marketing-call consent; a service list does not. */
    purpose: CampaignPurpose.default('marketing'),
  })
  .strict();
export type SegmentQuery = z.infer<typeof SegmentQuery>;

export const SegmentCount = z.object({
  /** Customers matching the filters. */
  matched: z.number().int(),
  /** Of those, the ones a list would dial. */
  dialable: z.number().int(),
  excluded: z.record(z.enum(SEGMENT_EXCLUSIONS), z.number().int()),
});
export type SegmentCount = Omit<z.infer<typeof SegmentCount>, 'excluded'> & { excluded: Record<SegmentExclusion, number> };

export const SegmentMember = z.object({
  customerId: z.number().int(),
  name: z.string(),
  /** The number a list would dial, masked for viewers who see numbers masked. */
  phone: z.string(),
  valueTier: ValueTier,
  rfmSegment: RfmSegment.nullable(),
  region: z.string().nullable(),
  tags: z.array(z.string()),
  totalSpent: z.number(),
  lastContactAt: z.string().nullable(),
});
export type SegmentMember = z.infer<typeof SegmentMember>;

export const SegmentSample = z.object({ items: z.array(SegmentMember) });
export type SegmentSample = z.infer<typeof SegmentSample>;

export const SegmentSave = z.object({ filter: SegmentFilter }).strict();
export type SegmentSave = z.infer<typeof SegmentSave>;

export const SegmentSaveResult = z.object({
  importId: z.number().int(),
  /** Customers matching the filters. */
  matched: z.number().int(),
  /** Leads added to the campaign. */
  imported: z.number().int(),
  alreadyInCampaign: z.number().int(),
  excluded: z.record(z.enum(SEGMENT_EXCLUSIONS), z.number().int()),
});
export type SegmentSaveResult = Omit<z.infer<typeof SegmentSaveResult>, 'excluded'> & { excluded: Record<SegmentExclusion, number> };
