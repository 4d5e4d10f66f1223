import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';
import { reviveTimestamps, screenPopStatement } from './screen-pop.sql.js';

// Compiles only; no connection is opened.
const db = knexFactory({ client: 'pg' });

describe('reviveTimestamps', () => {
  it('turns the JSON strings of *_at columns into the Dates pg gives, to the millisecond', () => {
    const row = reviveTimestamps({ id: 7, created_at: '2026-11-26T06:13:45.714923+08:00', ended_at: null, name: 'at_noon' });
    expect(row.created_at).toEqual(new Date('2026-11-25T22:13:45.714Z'));
    expect(row).toMatchObject({ id: 7, ended_at: null, name: 'at_noon' });
  });
});

describe('screenPopStatement', () => {
  const base = { e164: '+8613800138000', matchLimit: 10, historySize: 50 };

  it('limits the matches to what an agent may see, binding the number, the viewer and the limits in order', () => {
    const q = screenPopStatement(db, { ...base, viewer: { id: 4, role: 'agent', teamId: 1 }, withOpenCases: true }).toSQL();
    expect(q.sql).toContain('c.owner_id = ?');
    expect(q.bindings.slice(0, 5)).toEqual(['+8613800138000', 4, 4, 4, 10]);
    expect(q.sql).toMatch(/from "tickets" as "t"/i);
  });

  it('reads no cases for a viewer who may not see them', () => {
    const q = screenPopStatement(db, { ...base, viewer: { id: 3, role: 'marketer', teamId: null }, withOpenCases: false }).toSQL();
    expect(q.sql).not.toMatch(/"tickets"/);
    expect(q.sql).toContain('NULL AS open_cases');
  });
});
