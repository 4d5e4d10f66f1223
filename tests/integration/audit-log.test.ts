// The audit log as admins read it (filters, pages, CSV export that is itself audited), and
// what it never keeps in clear: the numbers and text people searched for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient, agent1: ApiClient, supervisor: ApiClient, marketer: ApiClient;
const userId = {} as Record<'admin1' | 'agent1' | 'supervisor1', number>;
const enc = encodeURIComponent;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  [admin, agent1, supervisor, marketer] = await Promise.all([login('admin1'), login('agent1'), login('supervisor1'), login('marketer1')]);
  for (const u of ['admin1', 'agent1', 'supervisor1'] as const) userId[u] = (await t.db('users').where({ username: u }).first('id')).id;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

interface Entry {
  id: string;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  outcome: string;
  searchHash: string | null;
}

async function page(query: string): Promise<{ items: Entry[]; nextCursor: string | null }> {
  const r = await admin.get(`/api/admin/audit${query}`);
  expect(r.status).toBe(200);
  return r.body;
}

describe('who may read the audit log', () => {
  it('answers admins and refuses every other role, writing each refusal to the log', async () => {
    expect((await admin.get('/api/admin/audit')).status).toBe(200);
    for (const c of [agent1, supervisor, marketer]) {
      expect((await c.get('/api/admin/audit')).status).toBe(403);
      expect((await c.get('/api/admin/audit/export')).status).toBe(403);
    }
    const refusals = await t.db('audit_log').where({ action: 'http.role_refused', user_id: userId.supervisor1 }).select('detail');
    expect(refusals.map((r) => r.detail.route)).toEqual(['/api/admin/audit/', '/api/admin/audit/export']);
    expect((await new ApiClient(app.baseUrl).get('/api/admin/audit')).status).toBe(401);
  });

  it('rejects unknown filters and malformed values with a 400 naming them', async () => {
    const r = await admin.get('/api/admin/audit?who=me&from=yesterday&before=abc');
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['query.before', 'query.from', 'query.who']);
  });
});

describe('filters and pages', () => {
  beforeAll(async () => {
    const zhangwei = (await t.db('customers').where({ name: '张伟' }).first('id')).id;
    const emily = (await t.db('customers').where({ name: 'Emily Chan' }).first('id')).id;
    await agent1.get(`/api/customers/${zhangwei}`);
    await agent1.get(`/api/customers/${emily}`); // agent2's customer: refused
    await supervisor.get(`/api/customers/${zhangwei}`);
  });

  it('filters by user, action, action family, entity and outcome', async () => {
    const zhangwei = String((await t.db('customers').where({ name: '张伟' }).first('id')).id);
    const mine = await page(`?userId=${userId.agent1}&action=customer.view`);
    expect(mine.items.length).toBe(2);
    expect(mine.items.every((e) => e.userId === userId.agent1 && e.username === 'agent1' && e.action === 'customer.view')).toBe(true);

    const denied = await page(`?userId=${userId.agent1}&outcome=denied&action=customer.`);
    expect(denied.items.map((e) => e.action)).toEqual(['customer.view']);

    const onZhangwei = await page(`?entity=customer&entityId=${zhangwei}&action=customer.view`);
    expect(onZhangwei.items.map((e) => e.username).sort()).toEqual(['agent1', 'supervisor1']);
  });

  it('filters by time: from is inclusive, to exclusive', async () => {
    const all = await page(`?userId=${userId.agent1}&action=customer.view`);
    const [newer, older] = all.items;
    const at = (e: Entry) => e.at;
    const fromNewer = await page(`?userId=${userId.agent1}&action=customer.view&from=${enc(at(newer!))}`);
    expect(fromNewer.items.map((e) => e.id)).toContain(newer!.id);
    const untilNewer = await page(`?userId=${userId.agent1}&action=customer.view&to=${enc(at(newer!))}`);
    expect(untilNewer.items.map((e) => e.id)).not.toContain(newer!.id);
    if (at(older!) < at(newer!)) expect(untilNewer.items.map((e) => e.id)).toContain(older!.id);
    const future = await page(`?from=${enc(new Date(Date.now() + 3600_000).toISOString())}`);
    expect(future.items).toEqual([]);
  });

  it('pages newest first through the whole log without gaps or repeats', async () => {
    const everything = (await t.db('audit_log').orderBy('id', 'desc').select('id')).map((r) => String(r.id));
    expect(everything.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await page(`?limit=3${cursor ? `&before=${cursor}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(3);
      seen.push(...p.items.map((e) => e.id));
      cursor = p.nextCursor;
    } while (cursor);
    // Entries written while paging (none here: admins' reads are not audited) would be newer.
    expect(seen).toEqual(everything);
  });
});

describe('CSV export', () => {
  it('streams the filtered log as CSV with a header, and records the export in the log first', async () => {
    const before = await t.db('audit_log').where({ action: 'audit.export' }).count<{ n: string }[]>('* as n');
    const r = await fetch(`${app.baseUrl}/api/admin/audit/export?action=customer.view`, { headers: { cookie: admin.cookie! } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(/attachment; filename="kefu-audit-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = await r.text();
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,user_id,username,action,entity,entity_id,outcome,row_count,ip,request_id,detail,search_hash,prev_hash,hash');
    const expected = await t.db('audit_log').where({ action: 'customer.view' }).count<{ n: string }[]>('* as n');
    expect(lines.length - 1).toBe(Number(expected[0]!.n));
    expect(Number(r.headers.get('x-audit-rows'))).toBe(lines.length - 1);
    expect(lines.slice(1).every((l) => l.split(',')[4] === 'customer.view')).toBe(true);

    const exports = await t.db('audit_log').where({ action: 'audit.export' }).orderBy('id', 'desc').select('user_id', 'outcome', 'detail');
    expect(exports.length).toBe(Number(before[0]!.n) + 1);
    expect(exports[0]).toEqual({ user_id: userId.admin1, outcome: 'allowed', detail: { filter: { action: 'customer.view' }, format: 'csv' } });
  });

  it('answers ?format=csv on the list the same way, and the export shows in the log it exports', async () => {
    const r = await admin.get('/api/admin/audit?format=csv&action=audit.export');
    expect(r.status).toBe(200);
    const rows = String(r.body).replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]).toContain(',admin1,audit.export,audit_log,');
  });
});

describe('searched numbers and text', () => {
  it('keeps no searched number or search text in clear, and finds who looked a number up by hashing it', async () => {
    const before = String((await t.db('audit_log').max('id as id').first())!.id);
    expect((await agent1.get(`/api/customers?phone=${enc('138 0013 8000')}`)).status).toBe(200);
    expect((await supervisor.get(`/api/customers?q=${enc('+86 138-0013-8000')}`)).status).toBe(200);
    expect((await supervisor.get(`/api/customers?q=${enc('Emily')}`)).status).toBe(200);
    expect((await supervisor.get(`/api/cases?q=${enc('宽带断线')}`)).status).toBe(200);
    // Every column of every entry written by those searches, as text.
    const written = (await t.db.raw(`SELECT a::text AS row FROM audit_log a WHERE id > ?`, [before])).rows.map((r: { row: string }) => r.row).join('\n');
    expect(written).not.toBe('');
    for (const clear of ['13800138000', '138 0013 8000', 'Emily', 'emily', '宽带断线']) expect(written).not.toContain(clear);

    // The number in any written form finds both searches for it, and only those.
    const found = await page(`?term=${enc('tel:+8613800138000')}`);
    expect(found.items.map((e) => [e.username, e.action])).toEqual([
      ['supervisor1', 'customer.search'],
      ['agent1', 'customer.lookup'],
    ]);
    expect((await page(`?term=${enc('EMILY ')}`)).items.map((e) => e.action)).toEqual(['customer.search']);
    expect((await page(`?term=${enc('宽带断线')}`)).items.map((e) => e.action)).toEqual(['case.list']);
    expect((await page(`?term=${enc('139 1234 5678')}`)).items).toEqual([]);
  });

  it('hashes the term of an export search too, never writing it in clear', async () => {
    const r = await fetch(`${app.baseUrl}/api/admin/audit/export?term=${enc('13800138000')}`, { headers: { cookie: admin.cookie! } });
    expect(r.status).toBe(200);
    await r.text();
    const entry = await t.db('audit_log').where({ action: 'audit.export' }).orderBy('id', 'desc').first();
    expect(JSON.stringify(entry)).not.toContain('13800138000');
    expect(entry.search_hash).toBe(app.services.audit.searchHash.hash('+8613800138000'));
  });
});
