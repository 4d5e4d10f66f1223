import { describe, expect, it } from 'vitest';
import { chooseTool, describeTools, majorOfServerVersionNum, majorOfVersionLine } from './pg-tool-choice.js';

const tools = [
  { path: '/usr/lib/postgresql/17/bin/pg_dump', major: 17 },
  { path: '/usr/bin/pg_dump', major: 15 },
  { path: '/usr/lib/postgresql/16/bin/pg_dump', major: 16 },
];

describe('choosing pg_dump and pg_restore', () => {
  it("takes the server's own version when there, else the oldest newer one", () => {
    expect(chooseTool(tools, 15)!.major).toBe(15);
    expect(chooseTool(tools, 16)!.major).toBe(16);
    expect(chooseTool(tools.filter((t) => t.major !== 16), 16)!.major).toBe(17);
  });

  it('never takes an older tool than the server (pg_dump 15 cannot dump PostgreSQL 17)', () => {
    expect(chooseTool(tools.filter((t) => t.major === 15), 17)).toBeNull();
    expect(describeTools(tools.filter((t) => t.major === 15))).toBe('15 (/usr/bin/pg_dump)');
    expect(describeTools([])).toBe('none');
  });

  it('reads versions the way the tools and the server write them', () => {
    expect(majorOfVersionLine('pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)')).toBe(15);
    expect(majorOfVersionLine('pg_restore (PostgreSQL) 17.2')).toBe(17);
    expect(majorOfVersionLine('something else')).toBeNull();
    expect(majorOfServerVersionNum(170006)).toBe(17);
    expect(majorOfServerVersionNum(150018)).toBe(15);
  });
});
