// Database failures after which the same write, tried again a little later, may well succeed:
// the pool had no free connection in time, the connection dropped, or the server was briefly
// unable to take it. A constraint violation or a bad statement is not one of them (it fails the
// same way again), and neither is a pool that has been destroyed (the server is shutting down).

/** SQLSTATEs: connection exceptions (08…), shutdown and start-up, too many connections, and conflicts PostgreSQL asks to retry. */
const TRANSIENT_SQLSTATE = /^(08...|57P01|57P02|57P03|53300|40001|40P01)$/;
const TRANSIENT_NODE_CODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

export function isTransientDbError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'KnexTimeoutError') return true; // knex's acquire timeout: the pool was full
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODE.has(code))) return true;
  return /Connection terminated unexpectedly/.test(err.message);
}

export interface RetryPolicy {
  /** Waits between tries: doubling from `firstMs` up to `maxMs`. */
  firstMs: number;
  maxMs: number;
  /** No new try once this long has passed since the first: the database is down, not busy. */
  giveUpAfterMs: number;
  /** Told before each wait (for the log). */
  onRetry?(err: unknown, attempt: number, waitMs: number): void;
}

/** Runs `write` until it succeeds or fails for a reason that is not transient. */
export async function retryTransient<T>(write: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!isTransientDbError(err) || Date.now() - started >= policy.giveUpAfterMs) throw err;
      const waitMs = Math.min(policy.maxMs, policy.firstMs * 2 ** (attempt - 1));
      policy.onRetry?.(err, attempt, waitMs);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
