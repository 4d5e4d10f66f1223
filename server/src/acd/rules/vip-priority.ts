// Callers of the top value tier go ahead in the queue: the one place that says how far.
import type { ValueTier } from '../../../../contract/index.js';

const VIP_PRIORITY = 1;

/** A caller's place-in-line priority from the matched customer's value tier (none: normal). */
export function callerPriority(valueTier: ValueTier | null | undefined): number {
  return valueTier === 'vip' ? VIP_PRIORITY : 0;
}
