// `npm run bench:queue -- [--quick] [--agents N] [--calls N] [--rate N] [--hold MS] [--warmup N]
//   [--wrap-up S] [--no-kamailio] [--cpu-prof DIR]`: the ACD under load on its own, in a fresh database
// (kefu_bench_queue on DATABASE_URL's server, or an embedded PostgreSQL). Results:
// bench-results/queue-<stamp>.json and queue-latest.json. Exits non-zero only when something
// breaks, never on a missed target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, type Db } from '../../../server/src/platform/db/database.js';
import { migrateLatest } from '../../../server/src/platform/db/migrate.js';
import { openBenchDatabase, type BenchDatabase } from '../bench-db.js';
import { dbSettings } from '../db-settings.js';
import { runQueueBench, type QueueBenchOptions } from './queue-bench.js';
import { queueSummaryLines, queueTargetLines, queueTargets } from './queue-report.js';

const log = (msg: string) => process.stdout.write(`[bench:queue ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

const FULL = { agents: 1000, calls: 10_000, rate: 500, warmup: 500 };
const QUICK = { agents: 200, calls: 1_000, rate: 100, warmup: 100 };

function parseQueueOptions(argv: string[]): QueueBenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      agents: { type: 'string' },
      calls: { type: 'string' },
      rate: { type: 'string' },
      hold: { type: 'string' },
      warmup: { type: 'string' },
      'wrap-up': { type: 'string' },
      'no-kamailio': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
    },
  });
  const base = values.quick ? QUICK : FULL;
  const num = (name: string, v: string | undefined, fallback: number, min: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min}, got "${v}"`);
    return n;
  };
  return {
    agents: num('agents', values.agents, base.agents, 1),
    calls: num('calls', values.calls, base.calls, 1),
    rate: num('rate', values.rate, base.rate, 1),
    holdMs: num('hold', values.hold, 200, 0),
    warmupCalls: num('warmup', values.warmup, base.warmup, 0),
    wrapUpSeconds: num('wrap-up', values['wrap-up'], 1, 1),
    kamailio: !values['no-kamailio'],
    ...(values['cpu-prof'] ? { cpuProfDir: path.resolve(values['cpu-prof']) } : {}),
  };
}

async function main(): Promise<void> {
  const opts = parseQueueOptions(process.argv.slice(2));
  const startedAt = new Date();
  // Hard stop: nothing below may run away, whatever the server does.
  const budgetMs = 5 * 60_000 + 2 * ((opts.calls + opts.warmupCalls) / opts.rate) * 1000;
  setTimeout(() => {
    log(`hard timeout after ${budgetMs} ms`);
    process.exit(2);
  }, budgetMs).unref();
  const settings = dbSettings();
  let bench: BenchDatabase | undefined;
  let db: Db | undefined;
  try {
    bench = await openBenchDatabase({ dataDir: path.join(os.tmpdir(), 'kefu-bench-queue-pg'), keep: false, memory: settings.memory, database: 'kefu_bench_queue' });
    log(`database: ${bench.mode === 'embedded' ? 'embedded PostgreSQL' : 'DATABASE_URL server, database kefu_bench_queue'}`);
    db = createDb(bench.url, 4, 1);
    await migrateLatest(db);
    const result = await runQueueBench(db, bench.url, opts, log);
    const report = { benchmark: 'acd-queue-calls', startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), database: bench.mode, ...result, targets: queueTargets(result) };
    const dir = path.resolve('bench-results');
    fs.mkdirSync(dir, { recursive: true });
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const json = `${JSON.stringify(report, null, 2)}\n`;
    fs.writeFileSync(path.join(dir, `queue-${stamp}.json`), json);
    fs.writeFileSync(path.join(dir, 'queue-latest.json'), json);
    process.stdout.write(['', ...queueSummaryLines(result), 'Targets (reported, not asserted):', ...queueTargetLines(result), '', `written: bench-results/queue-${stamp}.json and bench-results/queue-latest.json`, ''].join('\n'));
  } finally {
    await db?.destroy().catch(() => undefined);
    await bench?.close().catch((err: unknown) => log(`cleanup failed: ${String(err)}`));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    fs.writeSync(2, `bench:queue failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
