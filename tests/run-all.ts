// `npm test`: everything, against real parts. Unit and integration tests (vitest, real
// PostgreSQL), then the built console in Debian's Chromium (Playwright).
// With DATABASE_URL set, that PostgreSQL server is used; otherwise the embedded one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../server/src/platform/db/database.js';
import { withDatabase } from './support/db-url.js';
import { summarizePlaywright, summarizeVitest, type Tally } from './support/tally.js';

const root = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-test-'));

let anyStepFailed = false;

/** Runs one step; a failed step is remembered, and the later steps still run. */
function step(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  if (run(cmd, args, env) !== 0) anyStepFailed = true;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  process.stdout.write(`\n$ ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

/**
 * A Debian package the tests run for real (a peer such as Kamailio, a service such as Redis): on
 * Debian as root it is installed like Chromium; elsewhere the command to install it is printed.
 */
function ensurePackages(present: () => boolean, packages: string[], what: string): void {
  if (present()) return;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    process.stdout.write(`${what} is missing: installing Debian's ${packages.join(' and ')}.\n`);
    if (run('apt-get', ['update']) === 0 && run('apt-get', ['install', '-y', '--no-install-recommends', ...packages]) === 0) return;
  }
  process.stderr.write(`The tests need ${what}: sudo apt-get install -y ${packages.join(' ')}\n`);
  process.exit(1);
}

/** Kamailio, the production SIP edge, is a test peer. */
function ensureKamailio(): void {
  ensurePackages(
    () => fs.existsSync('/usr/sbin/kamailio') && fs.existsSync('/usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so'),
    ['kamailio', 'kamailio-websocket-modules'],
    'Kamailio',
  );
}

/** rtpengine (the media plane) and SIPp (the carrier) are the phone-line tests' peers. */
function ensureMediaPeers(): void {
  ensurePackages(() => fs.existsSync('/usr/bin/rtpengine') && fs.existsSync('/usr/bin/sipp'), ['rtpengine-daemon', 'sip-tester'], 'rtpengine and SIPp');
}

/** Redis carries the consoles between servers (tests/integration/shared-consoles.test.ts). */
function ensureRedis(): void {
  ensurePackages(() => fs.existsSync('/usr/bin/redis-server'), ['redis-server'], 'Redis');
}

function ensureChromium(): void {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    process.stdout.write(`Chromium is missing at ${CHROMIUM}: installing Debian's chromium package.\n`);
    if (run('apt-get', ['update']) === 0 && run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']) === 0) return;
  }
  process.stderr.write(
    `The browser tests need Debian's Chromium at ${CHROMIUM}.\n` +
      `Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n` +
      `(or set CHROMIUM_PATH to a Chromium binary).\n`,
  );
  process.exit(1);
}

/** A fresh database for the browser tests on the configured server; null means embedded. */
async function e2eDatabase(): Promise<string | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  // E2E_DB_NAME lets two checkouts run their browser tests against one server side by side.
  const name = process.env.E2E_DB_NAME ?? 'kefu_e2e';
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`E2E_DB_NAME must be a plain lower-case identifier, got ${name}`);
  const admin = createDb(url, 1);
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  return withDatabase(url, name);
}

async function main() {
  const only = process.argv[2]; // optional: unit | integration | e2e
  // Each part asks only for what it runs: the unit tests need neither a browser nor Kamailio.
  if (!only || only === 'e2e') ensureChromium();
  // Both the integration tests and a browser test start Kamailio.
  if (only !== 'unit') ensureKamailio();
  if (only !== 'unit') ensureMediaPeers();
  if (only !== 'unit' && only !== 'e2e') ensureRedis();
  const tallies: Tally[] = [];

  if (!only) {
    step('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
    // The softphone runs in browsers: it is checked with the DOM library, apart from the server.
    step('npx', ['tsc', '--noEmit', '-p', 'softphone/tsconfig.json']);
    step('npx', ['svelte-check', '--tsconfig', 'console/tsconfig.json', '--threshold', 'error', '--output', 'human']);
  }
  if (!only || only === 'unit' || only === 'integration') {
    const json = path.join(outDir, 'vitest.json');
    const projects = only ? ['--project', only] : [];
    step('npx', ['vitest', 'run', '--config', 'tests/vitest.config.ts', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]);
    tallies.push(summarizeVitest(json));
  }
  if (!only || only === 'e2e') {
    step('npx', ['vite', 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn']);
    const json = path.join(outDir, 'playwright.json');
    const db = await e2eDatabase();
    step('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts'], {
        E2E_DATABASE_URL: db ?? '',
        PLAYWRIGHT_JSON_OUTPUT_NAME: json,
        CHROMIUM_PATH: CHROMIUM,
      });
    tallies.push(summarizePlaywright(json));
  }

  const passed = tallies.reduce((n, t) => n + t.passed, 0);
  const failedTests = tallies.reduce((n, t) => n + t.failed, 0);
  const skipped = tallies.reduce((n, t) => n + t.skipped, 0);
  for (const t of tallies) process.stdout.write(`${t.name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped\n`);
  process.stdout.write(`${passed} passed, ${failedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  process.exit(anyStepFailed || failedTests > 0 || passed === 0 ? 1 : 0);
}

void main();
