// Measured means over the last 1, 5 and 30 minutes, combined into one estimate.
//
// Why a chain of shrinkage rather than "the 1-minute value when there is one": a small team
// makes a handful of calls a minute, so a 1-minute answer rate jumps between 0 % and 60 % and a
// pacer that follows it dials in bursts, then starves its agents (the oscillation other dialers
// show on small teams). Here each shorter window is pulled towards the longer one by PSEUDO
// samples: the 30-minute mean towards the prior, the 5-minute towards the 30-minute, the
// 1-minute towards the 5-minute. A window moves the estimate only as far as its evidence
// allows: a 200-agent floor (hundreds of calls a minute) follows the last minute, a 5-agent floor
// stays on its half-hour mean. No switch between windows, so no jump when one fills up.

export const WINDOWS_MS = [60_000, 300_000, 1_800_000] as const;
const BUCKET_MS = 10_000;
const BUCKETS = WINDOWS_MS[2] / BUCKET_MS;

/** Samples ten seconds to a bucket, kept for 30 minutes; values are summed per bucket. */
export class WindowedSeries {
  private readonly stamp = new Float64Array(BUCKETS).fill(-1);
  private readonly sum = new Float64Array(BUCKETS);
  private readonly count = new Float64Array(BUCKETS);

  add(atMs: number, value: number): void {
    const b = Math.floor(atMs / BUCKET_MS);
    const i = b % BUCKETS;
    if (this.stamp[i] !== b) {
      this.stamp[i] = b;
      this.sum[i] = 0;
      this.count[i] = 0;
    }
    this.sum[i]! += value;
    this.count[i]! += 1;
  }

  /** Count and sum of the samples in the last `windowMs` (whole buckets, the current one included). */
  window(nowMs: number, windowMs: number): { n: number; sum: number } {
    return this.windows(nowMs, [windowMs])[0]!;
  }

  /** The same for several windows in one pass over the buckets. */
  windows(nowMs: number, windowsMs: readonly number[]): { n: number; sum: number }[] {
    const last = Math.floor(nowMs / BUCKET_MS);
    const firsts = windowsMs.map((w) => last - Math.ceil(w / BUCKET_MS) + 1);
    const out = windowsMs.map(() => ({ n: 0, sum: 0 }));
    for (let i = 0; i < BUCKETS; i++) {
      const b = this.stamp[i]!;
      if (b > last) continue;
      for (let k = 0; k < firsts.length; k++) {
        if (b >= firsts[k]!) {
          out[k]!.n += this.count[i]!;
          out[k]!.sum += this.sum[i]!;
        }
      }
    }
    return out;
  }
}

export interface WindowedMean {
  /** The combined estimate the pacer uses. */
  value: number;
  /** Plain means per window, null when the window is empty (for the campaign view). */
  byWindow: { '1m': number | null; '5m': number | null; '30m': number | null };
  samples30m: number;
}

/**
 * Mean of `series`, each window shrunk towards the next longer one with `pseudo` samples and the
 * 30-minute window towards `prior`.
 */
export function windowedMean(series: WindowedSeries, nowMs: number, prior: number, pseudo: number): WindowedMean {
  const [w1, w5, w30] = series.windows(nowMs, WINDOWS_MS) as [{ n: number; sum: number }, { n: number; sum: number }, { n: number; sum: number }];
  const e30 = (w30.sum + pseudo * prior) / (w30.n + pseudo);
  const e5 = (w5.sum + pseudo * e30) / (w5.n + pseudo);
  const e1 = (w1.sum + pseudo * e5) / (w1.n + pseudo);
  const plain = (w: { n: number; sum: number }) => (w.n > 0 ? w.sum / w.n : null);
  return { value: e1, byWindow: { '1m': plain(w1), '5m': plain(w5), '30m': plain(w30) }, samples30m: w30.n };
}
