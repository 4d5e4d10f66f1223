import { describe, expect, it } from 'vitest';
import { isTransientDbError, retryTransient } from './transient-error.js';

const withCode = (code: string) => Object.assign(new Error('x'), { code });
const timeout = Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' });

describe('isTransientDbError', () => {
  it('retries a full pool, a dropped connection and a server starting or stopping', () => {
    for (const err of [timeout, withCode('08006'), withCode('57P01'), withCode('53300'), withCode('ECONNRESET'), new Error('Connection terminated unexpectedly')]) {
      expect(isTransientDbError(err), String((err as { code?: string }).code ?? err.message)).toBe(true);
    }
  });

  it('does not retry a bad write or a pool destroyed at shutdown', () => {
    for (const err of [withCode('23505'), withCode('42P01'), new Error('Unable to acquire a connection'), 'text']) {
      expect(isTransientDbError(err)).toBe(false);
    }
  });
});

describe('retryTransient', () => {
  it('tries again after a transient failure and gives back the result', async () => {
    const failures = [timeout];
    const waits: number[] = [];
    const out = await retryTransient(
      async () => {
        const f = failures.shift();
        if (f) throw f;
        return 7;
      },
      { firstMs: 1, maxMs: 4, giveUpAfterMs: 10_000, onRetry: (_e, _a, w) => waits.push(w) },
    );
    expect(out).toBe(7);
    expect(waits).toEqual([1]);
  });

  it('passes a lasting failure on at once', async () => {
    let tries = 0;
    const unique = withCode('23505');
    await expect(retryTransient(async () => {
      tries++;
      throw unique;
    }, { firstMs: 1, maxMs: 1, giveUpAfterMs: 10_000 })).rejects.toBe(unique);
    expect(tries).toBe(1);
  });
});
