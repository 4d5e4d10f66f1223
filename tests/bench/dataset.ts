// The benchmark's data set, decided up front and deterministically from the seed:
//  - how many calls each customer has (most a few, one in ten a long history: 30-120),
//  - which customer each of the N interactions belongs to, in time order (interaction ids grow
//    with started_at, as in production, so one customer's history is spread over the table),
//  - every timestamp, as a pure function of the row's position,
//  - which customers the look-ups will ask for.
// Only compact typed arrays are kept (about 4 bytes per interaction), never rows.
import { generateCustomer, type GeneratedCustomer } from '../../server/src/seed/customer-generator.js';
import { makeRng, type Rng } from '../../server/src/seed/random.js';

export const DAY_MS = 86_400_000;
/** The benchmark's "now": fixed, so two runs with the same seed load identical data. */
export const NOW_MS = Date.UTC(2026, 10, 1);
/** Interactions and cases span the three years before NOW. */
export const SPAN_MS = 3 * 365 * DAY_MS;

/** Independent random streams, so changing one table's generator leaves the others' data alone. */
export const STREAM = { customers: 1, customerAttrs: 2, interactionPool: 3, interactions: 4, cases: 5, counts: 6, lookups: 7, screenPopCalls: 8 };

export function streamRng(seed: number, stream: number): Rng {
  return makeRng((seed * 31 + stream * 0x9e3779b1) >>> 0);
}

/** A stable hash of a row position to [0, 1): jitter that can be recomputed at any time. */
function unit(i: number): number {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export interface HistoryShape {
  meanPerCustomer: number;
  withoutCalls: number;
  withAtLeast50: number;
  max: number;
}

export class DatasetPlan {
  /** Interaction i (0-based, id i+1) belongs to customer callerOf[i]. */
  readonly callerOf: Int32Array;
  /** Position of each customer's newest interaction (index id-1), -1 for none. */
  readonly lastCall: Int32Array;
  readonly history: HistoryShape;
  /** Primary E.164 number of each customer (index id-1), filled while customers are generated. */
  readonly primaryPhone: string[];
  private readonly interactionStep: number;
  private readonly caseStep: number;

  constructor(
    readonly seed: number,
    readonly customers: number,
    readonly interactions: number,
    readonly cases: number,
  ) {
    const counts = callCounts(streamRng(seed, STREAM.counts), customers, interactions);
    this.history = shapeOf(counts);
    this.callerOf = new Int32Array(interactions);
    let k = 0;
    for (let c = 0; c < customers; c++) for (let n = 0; n < counts[c]!; n++) this.callerOf[k++] = c + 1;
    const rng = streamRng(seed, STREAM.counts + 100);
    for (let i = interactions - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const t = this.callerOf[i]!;
      this.callerOf[i] = this.callerOf[j]!;
      this.callerOf[j] = t;
    }
    this.lastCall = new Int32Array(customers).fill(-1);
    for (let i = 0; i < interactions; i++) this.lastCall[this.callerOf[i]! - 1] = i;
    this.primaryPhone = new Array<string>(customers);
    this.interactionStep = SPAN_MS / Math.max(1, interactions);
    this.caseStep = SPAN_MS / Math.max(1, cases);
  }

  /** started_at of interaction i, strictly increasing with i. */
  interactionAt(i: number): number {
    const step = Math.floor(this.interactionStep);
    return NOW_MS - SPAN_MS + Math.floor(i * this.interactionStep) + Math.floor(unit(i) * step);
  }

  /** created_at of case j, increasing with j. */
  caseAt(j: number): number {
    const step = Math.floor(this.caseStep);
    return NOW_MS - SPAN_MS + Math.floor(j * this.caseStep) + Math.floor(unit(j + 0x5bd1e995) * step);
  }

  /** A customer chosen the way calls arrive: mostly in proportion to past calls, some at random. */
  pickCaller(rng: Rng): number {
    if (this.interactions > 0 && rng.chance(0.8)) return this.callerOf[Math.floor(rng.next() * this.interactions)]!;
    return rng.int(1, this.customers);
  }

  /** The generated customers, id 1..N; the same sequence every time it is called. */
  *generatedCustomers(): Generator<{ id: number; customer: GeneratedCustomer }> {
    const rng = streamRng(this.seed, STREAM.customers);
    for (let id = 1; id <= this.customers; id++) yield { id, customer: generateCustomer(rng, id) };
  }
}

/** Per-customer call counts summing exactly to `total`. */
function callCounts(rng: Rng, customers: number, total: number): Int32Array {
  const raw = new Float64Array(customers);
  let sum = 0;
  for (let c = 0; c < customers; c++) {
    raw[c] = rng.chance(0.1) ? rng.int(30, 120) : -Math.log(1 - rng.next()) * 6;
    sum += raw[c]!;
  }
  const counts = new Int32Array(customers);
  if (total === 0) return counts;
  const f = total / sum;
  let assigned = 0;
  for (let c = 0; c < customers; c++) {
    counts[c] = Math.floor(raw[c]! * f + rng.next());
    assigned += counts[c]!;
  }
  while (assigned < total) {
    counts[rng.int(0, customers - 1)]!++;
    assigned++;
  }
  while (assigned > total) {
    const c = rng.int(0, customers - 1);
    if (counts[c]! > 0) {
      counts[c]!--;
      assigned--;
    }
  }
  return counts;
}

function shapeOf(counts: Int32Array): HistoryShape {
  let sum = 0;
  let zero = 0;
  let big = 0;
  let max = 0;
  for (const n of counts) {
    sum += n;
    if (n === 0) zero++;
    if (n >= 50) big++;
    if (n > max) max = n;
  }
  const share = (n: number) => Math.round((n / Math.max(1, counts.length)) * 10000) / 10000;
  return { meanPerCustomer: sum / Math.max(1, counts.length), withoutCalls: share(zero), withAtLeast50: share(big), max };
}
