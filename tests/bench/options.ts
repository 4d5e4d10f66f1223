// Command-line options of `npm run bench -- ...`.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  customers: number;
  interactions: number;
  cases: number;
  lookups: number;
  warmup: number;
  seed: number;
  quick: boolean;
  /** Drop secondary indexes and constraints before COPY and rebuild them after (the default). */
  dropIndexes: boolean;
  indexJobs: number;
  /** Keep the benchmark database (and the embedded data directory) after the run. */
  keep: boolean;
  dataDir: string;
  outDir: string;
  /** Timed screen-pop calls in the browser (0 skips the browser part), after `popWarmup` untimed ones. */
  popCalls: number;
  popWarmup: number;
  /** Where the built console is (built there when missing or older than its sources). */
  consoleDir: string;
  /** Port of the kefu server the browser calls through; 0 for any free port. */
  serverPort: number;
  /** The ACD under load (queue/): calls, offered rate per second and agents; 0 calls skips it. */
  queueCalls: number;
  queueRate: number;
  queueAgents: number;
  /** Answer to audio (audio/): timed calls in Chromium; 0 skips it. */
  audioCalls: number;
}

const FULL = { customers: 1_000_000, interactions: 10_000_000, cases: 1_000_000, lookups: 10_000, warmup: 500, popCalls: 100, queueCalls: 10_000, queueRate: 500, queueAgents: 1000, audioCalls: 50 };
const QUICK = { customers: 20_000, interactions: 200_000, cases: 20_000, lookups: 2_000, warmup: 200, popCalls: 50, queueCalls: 1_000, queueRate: 100, queueAgents: 200, audioCalls: 20 };
/** Untimed calls first: the console loads its call screens and Chromium compiles them. */
const POP_WARMUP = 5;

export const USAGE = `npm run bench -- [--quick] [--customers N] [--interactions N] [--cases N] [--lookups N]
  [--warmup N] [--seed N] [--keep-indexes] [--index-jobs N] [--keep] [--data-dir DIR] [--out DIR]
  [--pop-calls N] [--pop-warmup N] [--console-dir DIR] [--server-port N]
  [--queue-calls N] [--queue-rate N] [--queue-agents N] [--audio-calls N]

Without DATABASE_URL an embedded PostgreSQL is started in --data-dir (default: <tmp>/kefu-bench-pg),
with KEFU_EMBEDDED_PG_SHARED_BUFFERS; KEFU_DB_POOL_MIN/MAX size the connection pools.
With DATABASE_URL a database named kefu_bench is (re)created on that server.
After the look-ups, --pop-calls calls (default 100, 50 with --quick; 0 skips) ring an agent in
Chromium (CHROMIUM_PATH, default /usr/bin/chromium) through a kefu server on --server-port
(default: any free port), with the console from --console-dir (default: <tmp>/kefu-bench-console,
built when missing or older than its sources).
Then the ACD under load: --queue-agents agents (default 1000, 200 with --quick) Ready in one queue,
--queue-calls calls (10,000 / 1,000; 0 skips) to its hotline at --queue-rate per second (500 / 100),
Kamailio as a proxy at the same rate beside it; and answer to audio: --audio-calls calls (50 / 20;
0 skips) answered in the console in Chromium. Also alone: npm run bench:queue, npm run bench:audio.
Results: <out>/bench-<timestamp>.json and <out>/latest.json (default out: ./bench-results).`;

function count(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${v}"`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      customers: { type: 'string' },
      interactions: { type: 'string' },
      cases: { type: 'string' },
      lookups: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      'keep-indexes': { type: 'boolean', default: false },
      'index-jobs': { type: 'string' },
      keep: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      'pop-calls': { type: 'string' },
      'pop-warmup': { type: 'string' },
      'console-dir': { type: 'string' },
      'server-port': { type: 'string' },
      'queue-calls': { type: 'string' },
      'queue-rate': { type: 'string' },
      'queue-agents': { type: 'string' },
      'audio-calls': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const base = values.quick ? QUICK : FULL;
  const opts: BenchOptions = {
    customers: count('customers', values.customers, base.customers),
    interactions: count('interactions', values.interactions, base.interactions),
    cases: count('cases', values.cases, base.cases),
    lookups: count('lookups', values.lookups, base.lookups),
    warmup: count('warmup', values.warmup, base.warmup),
    seed: count('seed', values.seed, 20261126),
    quick: values.quick,
    dropIndexes: !values['keep-indexes'],
    indexJobs: Math.max(1, count('index-jobs', values['index-jobs'], Math.min(2, os.cpus().length))),
    keep: values.keep,
    dataDir: path.resolve(values['data-dir'] ?? path.join(os.tmpdir(), 'kefu-bench-pg')),
    outDir: path.resolve(values.out ?? 'bench-results'),
    popCalls: count('pop-calls', values['pop-calls'], base.popCalls),
    popWarmup: count('pop-warmup', values['pop-warmup'], POP_WARMUP),
    consoleDir: path.resolve(values['console-dir'] ?? path.join(os.tmpdir(), 'kefu-bench-console')),
    serverPort: count('server-port', values['server-port'], 0),
    queueCalls: count('queue-calls', values['queue-calls'], base.queueCalls),
    queueRate: count('queue-rate', values['queue-rate'], base.queueRate),
    queueAgents: count('queue-agents', values['queue-agents'], base.queueAgents),
    audioCalls: count('audio-calls', values['audio-calls'], base.audioCalls),
  };
  if (opts.queueCalls > 0 && (opts.queueRate < 1 || opts.queueAgents < 1)) throw new Error('--queue-rate and --queue-agents must be at least 1');
  if (opts.customers < 1) throw new Error('--customers must be at least 1');
  if (opts.lookups < 1) throw new Error('--lookups must be at least 1');
  if (opts.serverPort > 65535) throw new Error('--server-port must be a TCP port');
  return opts;
}
