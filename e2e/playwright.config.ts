// Browser tests: the built console and the real server, in Debian's Chromium.
import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS } from './support/chromium-args.js';
import { E2E_BASE_URL as baseURL, E2E_EMBEDDED_PG_PORT, E2E_PORT as PORT, E2E_RTPENGINE_NG_PORT, E2E_RTPENGINE_PORTS } from './support/ports.js';

const root = path.resolve(import.meta.dirname, '..');
// Without E2E_DATABASE_URL the server runs the embedded PostgreSQL in a throw-away directory.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-e2e-'));
fs.chmodSync(dataDir, 0o755);


export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Each test makes the people, queue and customers it works with (e2e/support/fixtures.ts),
  // so spec files run side by side; the tests of one file run in order, in one worker.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list'], ['json']],
  // One per port: two checkouts running their browser tests side by side keep their own traces.
  outputDir: path.join(os.tmpdir(), `kefu-e2e-results-${PORT}`),
  use: {
    baseURL,
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    // The server as `npm start` runs it, with the door the tests make their people through.
    command: 'npx tsx e2e/support/e2e-server.ts',
    cwd: root,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      KEFU_DEMO: '1',
      KEFU_DATA_DIR: dataDir,
      KEFU_EMBEDDED_PG_PORT: String(E2E_EMBEDDED_PG_PORT),
      KEFU_RTPENGINE_NG_PORT: String(E2E_RTPENGINE_NG_PORT),
      KEFU_RTPENGINE_PORTS: E2E_RTPENGINE_PORTS,
      LOG_LEVEL: 'warn',
      // The SLA sweep every second, so an at-risk clock reaches the supervisor during a test.
      KEFU_SLA_SWEEP_SECONDS: '1',
      // Empty means the embedded database, even when the calling shell has DATABASE_URL set.
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
    },
  },
});
