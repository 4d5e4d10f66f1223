import { describe, expect, it } from 'vitest';
import { NewestRead } from './newest-read.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('NewestRead', () => {
  it('keeps the read begun last when an earlier one answers after it', async () => {
    const guard = new NewestRead();
    const applied: string[] = [];
    const early = deferred<string>();
    const late = deferred<string>();
    const first = guard.run(() => early.promise, (v) => applied.push(v));
    const second = guard.run(() => late.promise, (v) => applied.push(v));
    late.resolve('with the new queue');
    expect(await second).toBe(true);
    early.resolve('without it');
    expect(await first).toBe(false);
    expect(applied).toEqual(['with the new queue']);
  });

  it('applies reads that answer in the order they began', async () => {
    const guard = new NewestRead();
    const applied: number[] = [];
    await guard.run(async () => 1, (v) => applied.push(v));
    const a = guard.run(async () => 2, (v) => applied.push(v));
    const b = guard.run(async () => 3, (v) => applied.push(v));
    await Promise.all([a, b]);
    expect(applied).toEqual([1, 2, 3]);
  });
});
