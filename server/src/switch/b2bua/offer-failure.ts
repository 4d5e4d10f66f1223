import type { OfferFailure } from '../ports.js';
import type { TransactionFailure } from './client-transactions.js';

/**
 * What an agent leg's failure means to the ACD. 486 is what the kefu softphone sends when the
 * agent presses reject (it lets the ACD try someone else), so it counts as `rejected` with 603,
 * as the port says; a phone that is gone or never answers is `unreachable`.
 */
export function offerFailureFor(outcome: number | TransactionFailure): OfferFailure {
  if (outcome === 'timeout' || outcome === 'closed') return 'unreachable';
  if (outcome === 486 || outcome === 603) return 'rejected';
  if (outcome === 600) return 'busy';
  if (outcome === 404 || outcome === 408 || outcome === 410 || outcome === 480) return 'unreachable';
  return 'failed';
}

/** Of several forks' failures, the one that says most about the agent. */
export function worstFailure(failures: readonly OfferFailure[]): OfferFailure {
  for (const why of ['rejected', 'busy', 'unreachable'] as const) if (failures.includes(why)) return why;
  return 'failed';
}

/** The final status a direct caller gets when the callee's phone(s) all failed. */
export function callerStatusFor(outcome: number | TransactionFailure): number {
  if (typeof outcome === 'number' && outcome >= 400 && outcome < 700 && outcome !== 487) return outcome;
  return 480;
}

/** The reason phrase for the final status the ACD ends a waiting call with (release). */
export function releaseReason(status: number): string {
  switch (status) {
    case 486:
      return 'Busy Here';
    case 503:
      return 'Service Unavailable';
    default:
      return 'Temporarily Unavailable';
  }
}
