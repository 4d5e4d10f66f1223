// Browser tests: the built console and the real server, in Debian's Chromium.
import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 3917);
const baseURL = `http://127.0.0.1:${PORT}`;
const root = path.resolve(import.meta.dirname, '..');
// Without E2E_DATABASE_URL the server runs the embedded PostgreSQL in a throw-away directory.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-e2e-'));
fs.chmodSync(dataDir, 0o755);

export const CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // The tests share one server and its demo data; one worker keeps them independent.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list'], ['json']],
  outputDir: path.join(os.tmpdir(), 'kefu-e2e-results'),
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
    command: 'npx tsx server/src/main.ts',
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
      KEFU_EMBEDDED_PG_PORT: String(PORT + 1),
      LOG_LEVEL: 'warn',
      // The SLA sweep every second, so an at-risk clock reaches the supervisor during a test.
      KEFU_SLA_SWEEP_SECONDS: '1',
      // Empty means the embedded database, even when the calling shell has DATABASE_URL set.
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
    },
  },
});
