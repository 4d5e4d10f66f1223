// The segment builder's form as the marketer fills it (texts, ticks) and the filters it means,
// checked with the contract's own zod shape before any request: a field that does not read
// names itself, and the count waits until every field does.
import { SegmentFilter, type ConsentPurpose, type RfmSegment, type ValueTier } from '@kefu/contract';

export interface SegmentForm {
  valueTiers: ValueTier[];
  rfmSegments: (RfmSegment | 'none')[];
  /** Separated by commas (，too). */
  tags: string;
  regions: string;
  lastContactOlderThanDays: string;
  lastContactNewerThanDays: string;
  openCases: '' | 'has' | 'has_not';
  consentPurpose: ConsentPurpose;
  consentDecision: '' | 'given' | 'withdrawn' | 'unknown';
  minTotalSpent: string;
  recentDays: string;
  recentCount: string;
}

export const emptySegmentForm = (): SegmentForm => ({
  valueTiers: [],
  rfmSegments: [],
  tags: '',
  regions: '',
  lastContactOlderThanDays: '',
  lastContactNewerThanDays: '',
  openCases: '',
  consentPurpose: 'marketing_calls',
  consentDecision: '',
  minTotalSpent: '',
  recentDays: '',
  recentCount: '',
});

const list = (s: string) => s.split(/[,，]/).map((x) => x.trim()).filter(Boolean);
/** A number field: absent when blank, NaN (refused by the shape) when not a number. */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

export type SegmentFormResult = { ok: true; filter: SegmentFilter } | { ok: false; fields: string[] };

export function filterOf(f: SegmentForm): SegmentFormResult {
  const raw: Record<string, unknown> = {};
  if (f.valueTiers.length) raw.valueTiers = f.valueTiers;
  if (f.rfmSegments.length) raw.rfmSegments = f.rfmSegments;
  if (list(f.tags).length) raw.tags = list(f.tags);
  if (list(f.regions).length) raw.regions = list(f.regions);
  raw.lastContactOlderThanDays = num(f.lastContactOlderThanDays);
  raw.lastContactNewerThanDays = num(f.lastContactNewerThanDays);
  if (f.openCases) raw.openCases = f.openCases;
  if (f.consentDecision) raw.consent = { purpose: f.consentPurpose, decision: f.consentDecision };
  raw.minTotalSpent = num(f.minTotalSpent);
  if (f.recentDays.trim() || f.recentCount.trim()) raw.recentPurchases = { days: num(f.recentDays) ?? NaN, count: num(f.recentCount) ?? 1 };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  const parsed = SegmentFilter.safeParse(raw);
  if (parsed.success) return { ok: true, filter: parsed.data };
  return { ok: false, fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))] };
}
