import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zip } from './zip.js';

describe('zip', () => {
  it('writes an archive that unzip lists, checks and extracts byte for byte', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zip-'));
    const file = path.join(dir, 'a.zip');
    const big = Buffer.alloc(70_000, 7);
    writeFileSync(file, zip([
      { name: 'profile.csv', data: Buffer.from('name\r\n张伟\r\n') },
      { name: 'notes.csv', data: big },
      { name: 'empty.csv', data: Buffer.alloc(0) },
    ]));
    expect(execFileSync('unzip', ['-tq', file]).toString()).toMatch(/No errors detected/);
    execFileSync('unzip', ['-q', file, '-d', path.join(dir, 'out')]);
    expect(readFileSync(path.join(dir, 'out', 'profile.csv'), 'utf8')).toBe('name\r\n张伟\r\n');
    expect(readFileSync(path.join(dir, 'out', 'notes.csv')).equals(big)).toBe(true);
    expect(readFileSync(path.join(dir, 'out', 'empty.csv')).length).toBe(0);
  });
});
