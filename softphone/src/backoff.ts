/**
 * Delay before the next reconnect or re-register attempt: doubles from `initialDelayMs` and
 * stops growing at `maxDelayMs`, so an outage is noticed quickly but a server that is down is
 * not hammered. Jitter spreads out a room full of agents whose phones all lost the same server
 * at the same moment; it only shortens a delay, so `maxDelayMs` stays a hard bound.
 */
export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** 0 = none; 0.2 = each delay is shortened by up to 20 %. */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 500, maxDelayMs: 8000, jitter: 0.2 };

/** @param attempt - 1 for the first retry. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  return Math.round(base * (1 - policy.jitter * random()));
}
