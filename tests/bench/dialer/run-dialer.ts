// `npm run bench:dialer -- [--quick] [--agents 5,20,50] [--days N] [--hours N] [--seeds N]`:
// preview, progressive and predictive pacing side by side on simulated floors (dialer-bench.ts).
// Results: bench-results/dialer-<stamp>.json and dialer-latest.json. Exits non-zero only when
// something breaks, never on a missed target.
import { parseArgs } from 'node:util';
import { DIALER_FULL, DIALER_QUICK, dialerSummaryLines, dialerTargetLines, runDialerBench, writeDialerResults, type DialerBenchOptions } from './dialer-bench.js';

const log = (msg: string) => process.stdout.write(`[bench:dialer ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function options(argv: string[]): DialerBenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      agents: { type: 'string' },
      days: { type: 'string' },
      hours: { type: 'string' },
      seeds: { type: 'string' },
    },
  });
  const base = values.quick ? DIALER_QUICK : DIALER_FULL;
  const int = (name: string, v: string | undefined, fallback: number, min: number, max: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}, got "${v}"`);
    return n;
  };
  return {
    agents: values.agents === undefined ? base.agents : values.agents.split(',').map((a) => int('agents', a.trim(), 0, 1, 2000)),
    days: int('days', values.days, base.days, 1, 60),
    hoursPerDay: int('hours', values.hours, base.hoursPerDay, 1, 24),
    seeds: int('seeds', values.seeds, base.seeds, 1, 20),
  };
}

try {
  const opts = options(process.argv.slice(2));
  log(`${opts.agents.join(', ')} agents, ${opts.days} days x ${opts.hoursPerDay} h, ${opts.seeds} seed(s)`);
  const result = runDialerBench(opts, log);
  const files = writeDialerResults(result);
  process.stdout.write(['', ...dialerSummaryLines(result), 'Targets (reported, not asserted):', ...dialerTargetLines(result), '', `written: ${files.join(' and ')}`, ''].join('\n'));
} catch (err) {
  process.stderr.write(`bench:dialer failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
