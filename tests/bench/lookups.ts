// Timed caller look-ups. Five ways of answering "who is calling?", interleaved round by round
// (in a random order each round) so they share the same machine state; each way gets its own
// random sample of known numbers, so none reads pages another has just brought into cache.
//   service       CustomerService.screenPop: normalise, then one statement for the customers, the
//                 first one's latest 50 interactions and its open cases
//   fourQueries   the same pop the way the service built it before (four-query-pop.ts)
//   service360    CustomerService.findByPhone + get360, as an admin (audited, adds closed cases)
//   bare          the same data by hand-written SQL on one pg connection (bare-sql.ts)
//   barePrepared  the same, as named prepared statements
import { isDeepStrictEqual } from 'node:util';
import type pg from 'pg';
import type { ScreenPop } from '../../contract/index.js';
import type { Db } from '../../server/src/platform/db/database.js';
import type { RequestContext } from '../../server/src/identity/request-context.js';
import type { Services } from '../../server/src/compose.js';
import type { Rng } from '../../server/src/seed/random.js';
import { BARE_SQL, barePop, type PopOutcome } from './bare-sql.js';
import { fourQueryPop } from './four-query-pop.js';
import { randomForm } from './phone-formats.js';
import { elapsedMs, round, summarize, type LatencySummary } from './stats.js';

export const METHODS = ['service', 'fourQueries', 'service360', 'bare', 'barePrepared'] as const;
export type MethodName = (typeof METHODS)[number];

export interface LookupTarget {
  customerId: number;
  e164: string;
  raw: string;
}

export interface MethodResult extends LatencySummary {
  found: number;
  errors: number;
  firstError: string | null;
  avgInteractions: number;
  avgOpenCases: number;
  withFullHistory: number;
}

export interface TargetBuild {
  targets: Record<MethodName, LookupTarget[]>;
  formMismatches: number;
  formMismatchExamples: { raw: string; expected: string; got: string | null }[];
}

/** Turns the chosen customers into numbers written a random human way; checks each normalises back. */
export function buildTargets(
  customerIds: Record<MethodName, number[]>,
  phones: Map<number, string[]>,
  normalize: (raw: string) => string | null,
  rng: Rng,
): TargetBuild {
  let formMismatches = 0;
  const formMismatchExamples: TargetBuild['formMismatchExamples'] = [];
  const targets = {} as Record<MethodName, LookupTarget[]>;
  for (const m of METHODS) {
    targets[m] = customerIds[m].map((customerId) => {
      const e164 = rng.pick(phones.get(customerId) ?? []);
      let raw = randomForm(rng, e164);
      const got = normalize(raw);
      if (got !== e164) {
        formMismatches++;
        if (formMismatchExamples.length < 10) formMismatchExamples.push({ raw, expected: e164, got });
        raw = e164;
      }
      return { customerId, e164, raw };
    });
  }
  return { targets, formMismatches, formMismatchExamples };
}

export interface LookupRun {
  methods: Record<MethodName, MethodResult>;
  normalizeOnly: LatencySummary;
  /**
   * Every method must find the same customer, interactions and open cases as the bare SQL;
   * the service's whole pop must equal the four-query pop's, field for field.
   */
  consistency: { checked: number; mismatches: number; examples: string[]; fullPopMismatches: number; fullPopExamples: string[] };
  explain: { customerId: number; interactions: number; service: string[][]; bare: Record<string, string[]> } | null;
}

function shuffle<T>(items: T[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

export async function runLookups(opts: {
  services: Services;
  db: Db;
  bareClient: pg.Client;
  adminId: number;
  targets: Record<MethodName, LookupTarget[]>;
  warmup: number;
  lookups: number;
  rng: Rng;
  onProgress: (done: number) => void;
}): Promise<LookupRun> {
  const { services, bareClient, targets, warmup, lookups, rng } = opts;
  const ctx: RequestContext = { viewer: { id: opts.adminId, role: 'admin', teamId: null }, ip: '127.0.0.1', requestId: null };
  const previous = fourQueryPop(opts.db, services.sensitiveFields);
  const pops = {
    service: (t: LookupTarget) => services.customers.screenPop(ctx, t.raw, 50),
    fourQueries: (t: LookupTarget) => previous(ctx.viewer, t.raw, services.customers.normalize(t.raw), 50),
  };
  const outcome = (pop: ScreenPop): PopOutcome => ({
    customerId: pop.primary?.customer.id ?? null,
    interactionIds: pop.primary?.interactions.map((i) => i.id) ?? [],
    openCaseIds: pop.primary?.openCases?.map((c) => c.id) ?? [],
  });
  const run: Record<MethodName, (t: LookupTarget) => Promise<PopOutcome>> = {
    service: async (t) => outcome(await pops.service(t)),
    fourQueries: async (t) => outcome(await pops.fourQueries(t)),
    service360: async (t) => {
      const list = await services.customers.findByPhone(ctx, t.raw, 5);
      const first = list.items[0];
      if (!first) return { customerId: null, interactionIds: [], openCaseIds: [] };
      const view = await services.customers.get360(ctx, first.id);
      return {
        customerId: view.customer.id,
        interactionIds: view.interactions.items.map((i) => i.id),
        openCaseIds: view.cases?.open.map((c) => c.id) ?? [],
      };
    },
    bare: (t) => barePop(bareClient, t.e164, false),
    barePrepared: (t) => barePop(bareClient, t.e164, true),
  };

  const order = [...METHODS];
  for (let r = 0; r < warmup; r++) {
    shuffle(order, rng);
    for (const m of order) await run[m](targets[m][r]!);
  }

  const samples = Object.fromEntries(METHODS.map((m) => [m, new Float64Array(lookups)])) as Record<MethodName, Float64Array>;
  const tally = Object.fromEntries(
    METHODS.map((m) => [m, { n: 0, found: 0, errors: 0, firstError: null as string | null, interactions: 0, openCases: 0, full: 0 }]),
  ) as Record<MethodName, { n: number; found: number; errors: number; firstError: string | null; interactions: number; openCases: number; full: number }>;
  for (let r = 0; r < lookups; r++) {
    shuffle(order, rng);
    for (const m of order) {
      const target = targets[m][warmup + r]!;
      const t = tally[m];
      const t0 = process.hrtime.bigint();
      try {
        const out = await run[m](target);
        samples[m][t.n++] = elapsedMs(t0);
        if (out.customerId !== null) t.found++;
        t.interactions += out.interactionIds.length;
        t.openCases += out.openCaseIds.length;
        if (out.interactionIds.length === 50) t.full++;
      } catch (err) {
        t.errors++;
        t.firstError ??= String((err as Error).message ?? err);
      }
    }
    if ((r + 1) % 1000 === 0) opts.onProgress(r + 1);
  }

  const methods = {} as Record<MethodName, MethodResult>;
  for (const m of METHODS) {
    const t = tally[m];
    methods[m] = {
      ...summarize(samples[m].subarray(0, t.n)),
      found: t.found,
      errors: t.errors,
      firstError: t.firstError,
      avgInteractions: round(t.interactions / Math.max(1, t.n), 2),
      avgOpenCases: round(t.openCases / Math.max(1, t.n), 3),
      withFullHistory: t.full,
    };
  }

  // Normalisation alone, over the numbers the service was asked for.
  const norm = new Float64Array(lookups);
  for (let r = 0; r < lookups; r++) {
    const t0 = process.hrtime.bigint();
    services.customers.normalize(targets.service[warmup + r]!.raw);
    norm[r] = elapsedMs(t0);
  }

  const consistency = await checkConsistency(run, pops, targets.service.slice(warmup, warmup + Math.min(lookups, 200)));
  const explain = await explainHeavy(opts.db, services, ctx, bareClient, consistency.heaviest).catch((err: unknown) => {
    process.stderr.write(`EXPLAIN failed (results kept without plans): ${String(err)}\n`);
    return null;
  });
  return {
    methods,
    normalizeOnly: summarize(norm),
    consistency: {
      checked: consistency.checked,
      mismatches: consistency.mismatches,
      examples: consistency.examples,
      fullPopMismatches: consistency.fullPopMismatches,
      fullPopExamples: consistency.fullPopExamples,
    },
    explain,
  };
}

/** Every method must return the same customer, interactions and open cases as the bare SQL. */
async function checkConsistency(
  run: Record<MethodName, (t: LookupTarget) => Promise<PopOutcome>>,
  pops: Record<'service' | 'fourQueries', (t: LookupTarget) => Promise<ScreenPop>>,
  sample: LookupTarget[],
) {
  let mismatches = 0;
  const examples: string[] = [];
  let fullPopMismatches = 0;
  const fullPopExamples: string[] = [];
  let heaviest: { target: LookupTarget; interactions: number } | null = null;
  for (const target of sample) {
    const b = await run.bare(target);
    const others = { service: await run.service(target), fourQueries: await run.fourQueries(target), service360: await run.service360(target) };
    const differ = Object.entries(others).filter(([, x]) => JSON.stringify(x) !== JSON.stringify(b));
    if (differ.length) {
      mismatches++;
      if (examples.length < 5) examples.push(`${target.raw}: bare ${JSON.stringify(b)} ${differ.map(([m, x]) => `${m} ${JSON.stringify(x)}`).join(' ')}`);
    }
    const [single, four] = [await pops.service(target), await pops.fourQueries(target)];
    if (!isDeepStrictEqual(single, four)) {
      fullPopMismatches++;
      if (fullPopExamples.length < 3) fullPopExamples.push(`${target.raw}: service ${JSON.stringify(single).slice(0, 400)} fourQueries ${JSON.stringify(four).slice(0, 400)}`);
    }
    if (b.customerId !== null && (!heaviest || b.interactionIds.length + b.openCaseIds.length > heaviest.interactions)) {
      heaviest = { target, interactions: b.interactionIds.length + b.openCaseIds.length };
    }
  }
  return { checked: sample.length, mismatches, examples, fullPopMismatches, fullPopExamples, heaviest };
}

/** EXPLAIN ANALYZE of every query the service sends for one large pop, and of the bare SQL. */
async function explainHeavy(
  db: Db,
  services: Services,
  ctx: RequestContext,
  client: pg.Client,
  heaviest: { target: LookupTarget } | null,
): Promise<LookupRun['explain']> {
  if (!heaviest) return null;
  const { target } = heaviest;
  const captured: { sql: string; bindings: readonly unknown[] }[] = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) => captured.push({ sql: q.sql, bindings: q.bindings ?? [] });
  db.on('query', listener);
  const pop = await services.customers.screenPop(ctx, target.raw, 50);
  db.removeListener('query', listener);
  const lines = (rows: { 'QUERY PLAN': string }[]) => rows.map((r) => r['QUERY PLAN']);
  const service: string[][] = [];
  for (const q of captured) {
    // knex reports the SQL with $n placeholders once it has positioned the bindings for pg.
    const sql = `EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`;
    const r = /\$\d/.test(q.sql)
      ? await client.query<{ 'QUERY PLAN': string }>(sql, q.bindings as unknown[])
      : ((await db.raw(sql, q.bindings as never)) as { rows: { 'QUERY PLAN': string }[] });
    service.push([q.sql, ...lines(r.rows)]);
  }
  const id = pop.primary?.customer.id ?? target.customerId;
  const ids = (await client.query<{ customer_id: number }>(BARE_SQL.phone, [target.e164])).rows.map((r) => r.customer_id);
  const bare: Record<string, string[]> = {};
  const params: Record<keyof typeof BARE_SQL, unknown[]> = { phone: [target.e164], customers: [ids], interactions: [id], openCases: [id] };
  for (const name of Object.keys(BARE_SQL) as (keyof typeof BARE_SQL)[]) {
    const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${BARE_SQL[name]}`, params[name]);
    bare[name] = lines(r.rows);
  }
  return { customerId: id, interactions: pop.primary?.interactions.length ?? 0, service, bare };
}
