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
    expect(q.bindings.slice(0, 6)).toEqual(['+8613800138000', 4, 4, 4, 4, 10]);
    expect(q.sql).toMatch(/from "tickets" as "t"/i);
  });

  it('reads no cases for a viewer who may not see them', () => {
    const q = screenPopStatement(db, { ...base, viewer: { id: 3, role: 'marketer', teamId: null }, withOpenCases: false }).toSQL();
    expect(q.sql).not.toMatch(/"tickets"/);
    expect(q.sql).toContain('NULL AS open_cases');
  });

  it('runs as one named prepared statement per shape, with each call’s number and viewer as its values', () => {
    const agent = (id: number) => screenPopStatement(db, { ...base, viewer: { id, role: 'agent', teamId: 1 }, withOpenCases: true }).toSQL();
    const [first, second] = [agent(4), agent(9)];
    expect(second.sql).toBe(first.sql);
    expect(second.options).toEqual(first.options);
    expect(first.options).toMatchObject({ name: expect.stringMatching(/^kefu_[0-9a-f]{24}$/) });
    expect(second.bindings.slice(0, 6)).toEqual(['+8613800138000', 9, 9, 9, 9, 10]);
    expect(second.bindings.slice(6)).toEqual(first.bindings.slice(6));
  });

  it('names another shape another statement: pg refuses one name for two texts', () => {
    const admin = screenPopStatement(db, { ...base, e164: '+8613900000000', viewer: { id: 1, role: 'admin', teamId: null }, withOpenCases: true }).toSQL();
    const agent = screenPopStatement(db, { ...base, viewer: { id: 4, role: 'agent', teamId: 1 }, withOpenCases: true }).toSQL();
    expect(admin.options).not.toEqual(agent.options);
    expect(admin.bindings[0]).toBe('+8613900000000');
  });
});
