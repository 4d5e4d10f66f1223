// SIPp as a carrier in a test: one scenario run, bounded in calls and time.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SIPP_BIN = '/usr/bin/sipp';

export interface SippRun {
  /** Resolves with SIPp's exit code (0: every call went as the scenario says) and its output. */
  readonly done: Promise<{ code: number | null; output: string }>;
  stop(): void;
}

export function runSipp(opts: {
  scenario: string;
  target: string;
  service: string;
  localPort: number;
  mediaPort: number;
  /** Scenario keywords (-key): [name] in the scenario. */
  vars?: Record<string, string>;
  transport?: 'u1' | 't1';
  timeoutSeconds?: number;
}): SippRun {
  if (!fs.existsSync(SIPP_BIN)) throw new Error(`SIPp is not installed (${SIPP_BIN}): apt-get install -y --no-install-recommends sip-tester`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-sipp-'));
  const args = [
    opts.target,
    '-sf', path.resolve(import.meta.dirname, '../sipp', opts.scenario),
    '-s', opts.service,
    '-i', '127.0.0.1',
    '-p', String(opts.localPort),
    '-mi', '127.0.0.1',
    '-mp', String(opts.mediaPort),
    '-t', opts.transport ?? 'u1',
    '-m', '1',
    '-l', '1',
    '-timeout', `${opts.timeoutSeconds ?? 30}s`,
    '-timeout_error',
    '-nostdin',
  ];
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('-key', k, v);
  const child = spawn(SIPP_BIN, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-20_000)));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-20_000)));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { done, stop: () => child.kill('SIGKILL') };
}
