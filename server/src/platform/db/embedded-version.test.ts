import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedEngineMajor, incompatibleDataDirectory } from './embedded-version.js';

const dirs: string[] = [];
function dataDir(pgVersion?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-pgver-'));
  dirs.push(dir);
  if (pgVersion !== undefined) fs.writeFileSync(path.join(dir, 'PG_VERSION'), `${pgVersion}\n`);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the embedded data directory and the engine version', () => {
  it('runs the same major as the distributions\' pg_dump, so the daily backup can dump it', () => {
    expect(embeddedEngineMajor()).toBe(15);
  });

  it('opens a new directory and one made by the same major', () => {
    expect(incompatibleDataDirectory(dataDir(), 15)).toBeNull();
    expect(incompatibleDataDirectory(dataDir('15'), 15)).toBeNull();
  });

  it('says which major made a directory it cannot open, and what to do', () => {
    const message = incompatibleDataDirectory(dataDir('17'), 15);
    expect(message).toMatch(/made by PostgreSQL 17/);
    expect(message).toMatch(/runs PostgreSQL 15/);
    expect(message).toMatch(/KEFU_DATA_DIR/);
  });
});
