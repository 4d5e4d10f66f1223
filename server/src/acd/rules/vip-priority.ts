// Callers of a valued tier go ahead in the queue: the one place that says how far. Each queue
// weighs the tiers (higher goes first); without weights, VIPs go first as they always have.
import type { TierWeights, ValueTier } from '../../../../contract/index.js';

const DEFAULT_WEIGHTS: TierWeights = { vip: 1 };

/** A caller's place-in-line priority from the matched customer's value tier (none: 0). */
export function callerPriority(valueTier: ValueTier | null | undefined, weights: TierWeights = DEFAULT_WEIGHTS): number {
  return valueTier ? (weights[valueTier] ?? 0) : 0;
}
