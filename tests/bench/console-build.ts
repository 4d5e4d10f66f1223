// The built console the screen-pop benchmark serves. A clean clone has none, and a build older
// than the sources would measure yesterday's console, so it is (re)built when either is true.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { elapsedMs, round } from './stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What the console build reads (see console/vite.config.ts and its aliases). */
const SOURCES = ['console/index.html', 'console/src', 'console/public', 'console/vite.config.ts', 'console/svelte.config.js', 'softphone/src', 'contract', 'package-lock.json'];

export interface ConsoleBuild {
  dir: string;
  /** Whether this run built it (false: an up-to-date build was there). */
  built: boolean;
  buildSeconds: number;
}

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows only as a newer directory
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function isUpToDate(dir: string): boolean {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return false;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  return fs.statSync(index).mtimeMs >= sources;
}

function runViteBuild(outDir: string): Promise<void> {
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  const args = [vite, 'build', '--config', path.join(ROOT, 'console/vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`the console build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

export async function ensureConsoleBuilt(dir: string, log: (msg: string) => void): Promise<ConsoleBuild> {
  if (isUpToDate(dir)) return { dir, built: false, buildSeconds: 0 };
  log(`building the console into ${dir}`);
  const t0 = process.hrtime.bigint();
  await runViteBuild(dir);
  return { dir, built: true, buildSeconds: round(elapsedMs(t0) / 1000, 1) };
}
