// `npm run bench:audio -- [--quick] [--calls N] [--warmup N]`: answer to audio in Chromium on
// its own, in a fresh database (kefu_bench_audio on DATABASE_URL's server, or an embedded
// PostgreSQL) holding only the benchmark's staff. Results: bench-results/audio-<stamp>.json and
// audio-latest.json. Exits non-zero only when something breaks, never on a missed target.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, type Db } from '../../../server/src/platform/db/database.js';
import { migrateLatest } from '../../../server/src/platform/db/migrate.js';
import { openBenchDatabase, type BenchDatabase } from '../bench-db.js';
import { ensureConsoleBuilt } from '../console-build.js';
import { dbSettings } from '../db-settings.js';
import { loadStaff } from '../load-copy.js';
import { runAudioBench } from './audio-bench.js';
import { audioSummaryLines, audioTargetLines, audioTargets } from './audio-report.js';

const log = (msg: string) => process.stdout.write(`[bench:audio ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function count(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${v}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: { quick: { type: 'boolean', default: false }, calls: { type: 'string' }, warmup: { type: 'string' }, 'console-dir': { type: 'string' } },
  });
  const calls = count('calls', values.calls, values.quick ? 20 : 50);
  const warmup = count('warmup', values.warmup, 3);
  if (calls < 1) throw new Error('--calls must be at least 1');
  const startedAt = new Date();
  setTimeout(() => {
    log('hard timeout');
    process.exit(2);
  }, 10 * 60_000 + (calls + warmup) * 20_000).unref();
  const settings = dbSettings();
  let bench: BenchDatabase | undefined;
  let db: Db | undefined;
  try {
    const build = await ensureConsoleBuilt(path.resolve(values['console-dir'] ?? path.join(os.tmpdir(), 'kefu-bench-console')), log);
    bench = await openBenchDatabase({ dataDir: path.join(os.tmpdir(), 'kefu-bench-audio-pg'), keep: false, memory: settings.memory, database: 'kefu_bench_audio' });
    db = createDb(bench.url, 4, 1);
    await migrateLatest(db);
    await loadStaff(db);
    const result = await runAudioBench(db, { url: bench.url, build, settings, port: 0, calls, warmup }, log);
    const report = { benchmark: 'answer-to-audio', startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), machine: { cpus: os.cpus().length, loadavg: os.loadavg() }, ...result, targets: audioTargets(result) };
    const dir = path.resolve('bench-results');
    fs.mkdirSync(dir, { recursive: true });
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const json = `${JSON.stringify(report, null, 2)}\n`;
    fs.writeFileSync(path.join(dir, `audio-${stamp}.json`), json);
    fs.writeFileSync(path.join(dir, 'audio-latest.json'), json);
    process.stdout.write(['', ...audioSummaryLines(result), 'Target (reported, not asserted):', ...audioTargetLines(result), '', `written: bench-results/audio-${stamp}.json and bench-results/audio-latest.json`, ''].join('\n'));
  } finally {
    await db?.destroy().catch(() => undefined);
    await bench?.close().catch((err: unknown) => log(`cleanup failed: ${String(err)}`));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    fs.writeSync(2, `bench:audio failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
