// A customer's RFM scores and the named segment they give (the rules: server/src/campaigns/rules/rfm.ts).
import { z } from 'zod';

/** The named RFM segments, best first (server/src/campaigns/rules/rfm.ts says which scores give which). */
export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalists',
  'new_customers',
  'need_attention',
  'about_to_sleep',
  'cannot_lose',
  'at_risk',
  'hibernating',
  'lost',
] as const;
export const RfmSegment = z.enum(RFM_SEGMENTS);
export type RfmSegment = z.infer<typeof RfmSegment>;

/** A customer's scores (1–5 each, 5 best) and segment, as last computed; absent for a customer who never bought. */
export const CustomerRfm = z.object({
  recency: z.number().int().min(1).max(5),
  frequency: z.number().int().min(1).max(5),
  monetary: z.number().int().min(1).max(5),
  segment: RfmSegment,
  computedAt: z.string(),
});
export type CustomerRfm = z.infer<typeof CustomerRfm>;
