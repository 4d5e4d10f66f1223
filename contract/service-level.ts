// A queue's service level, shared by the queue settings (administration), the live wallboard and
// the call reports (supervision): one formula setting per queue, so the figures agree everywhere.
import { z } from 'zod';

export const SERVICE_LEVEL_FORMULAS = ['answered_and_abandoned', 'answered'] as const;
/**
 * 'answered_and_abandoned': answered within the threshold / (answered + abandoned after the
 * short-abandon limit). 'answered': answered within the threshold / answered.
 */
export const ServiceLevelFormula = z.enum(SERVICE_LEVEL_FORMULAS);
export type ServiceLevelFormula = z.infer<typeof ServiceLevelFormula>;

/** Defaults of a new queue: 80/20 style threshold and a 5 s short-abandon limit. */
export const DEFAULT_SERVICE_LEVEL = {
  thresholdSeconds: 20,
  formula: 'answered_and_abandoned' as ServiceLevelFormula,
  shortAbandonSeconds: 5,
} as const;
