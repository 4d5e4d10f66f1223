import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
const id = {} as Record<'zhangwei' | 'emily' | 'liuyang' | 'liufang', number>;
let agent1: ApiClient, agent2: ApiClient, supervisor: ApiClient, marketer: ApiClient, admin: ApiClient;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 30);
  app = await startTestApp(t.db);
  for (const [key, name] of [['zhangwei', '张伟'], ['emily', 'Emily Chan'], ['liuyang', '刘洋'], ['liufang', '刘芳']] as const) {
    id[key] = (await t.db('customers').where({ name }).orderBy('id').first('id')).id;
  }
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  [agent1, agent2, supervisor, marketer, admin] = await Promise.all([
    login('agent1'),
    login('agent2'),
    login('supervisor1'),
    login('marketer1'),
    login('admin1'),
  ]);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const enc = encodeURIComponent;

describe('caller look-up', () => {
  it.each(['138 0013 8000', '+86 138-0013-8000', '008613800138000', 'tel:+8613800138000', '13800138000'])(
    'finds 张伟 from %s',
    async (written) => {
      const r = await agent1.get(`/api/customers?phone=${enc(written)}`);
      expect(r.status).toBe(200);
      expect(r.body.normalizedPhone).toBe('+8613800138000');
      expect(r.body.items.map((c: { id: number }) => c.id)).toEqual([id.zhangwei]);
      expect(r.body.items[0]).toMatchObject({ name: '张伟', valueTier: 'vip' });
    },
  );

  it('ranks several customers on one number by most recent contact', async () => {
    const r = await admin.get(`/api/customers?phone=${enc('139 1234 5678')}`);
    // 刘洋 called yesterday, 刘芳 ten days ago.
    expect(r.body.items.map((c: { name: string }) => c.name)).toEqual(['刘洋', '刘芳']);
    await t.db('customers').where({ id: id.liufang }).update({ last_contact_at: new Date() });
    const again = await admin.get(`/api/customers?phone=${enc('+86 139-1234-5678')}`);
    expect(again.body.items.map((c: { name: string }) => c.name)).toEqual(['刘芳', '刘洋']);
  });

  it('answers an unknown number with an empty list, and a non-number with a 400 naming the field', async () => {
    const none = await admin.get(`/api/customers?phone=${enc('+86 186 0000 0001')}`);
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
    const bad = await admin.get(`/api/customers?phone=${enc('hello')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ field: 'phone', message: 'Not a valid phone number' }]);
  });

  it('only returns customers the agent may see', async () => {
    const r = await agent1.get(`/api/customers?phone=${enc('+852 9123 4567')}`);
    expect(r.body.items).toEqual([]);
    const owner = await agent2.get(`/api/customers?phone=${enc('+852 9123 4567')}`);
    expect(owner.body.items.map((c: { name: string }) => c.name)).toEqual(['Emily Chan']);
  });
});

describe('search', () => {
  it('finds customers by part of a name, company or phone, or by their whole email', async () => {
    const byName = await admin.get(`/api/customers?q=${enc('Emily')}`);
    expect(byName.body.items.map((c: { name: string }) => c.name)).toContain('Emily Chan');
    const byCompany = await admin.get(`/api/customers?q=${enc('华为技术')}`);
    expect(byCompany.body.items.map((c: { id: number }) => c.id)).toContain(id.zhangwei);
    const byEmail = await admin.get(`/api/customers?q=${enc(' Zhang.Wei@example.CN')}`);
    expect(byEmail.body.items.map((c: { id: number }) => c.id)).toEqual([id.zhangwei]);
    // The email is sealed at rest: only the whole address is matched, by its keyed hash.
    const byPart = await admin.get(`/api/customers?q=${enc('zhang.wei@')}`);
    expect(byPart.body.items).toEqual([]);
    const byDigits = await admin.get(`/api/customers?q=${enc('0013 8000')}`);
    expect(byDigits.body.items.map((c: { id: number }) => c.id)).toContain(id.zhangwei);
  });

  it('treats LIKE wildcards in the query as plain text', async () => {
    const r = await admin.get(`/api/customers?q=${enc('%')}`);
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([]);
  });

  it('audits each bulk read with who, what and how many rows', async () => {
    await supervisor.get(`/api/customers?q=${enc('刘')}`);
    const row = await t.db('audit_log as a')
      .join('users as u', 'u.id', 'a.user_id')
      .where({ 'u.username': 'supervisor1', action: 'customer.search' })
      .orderBy('a.id', 'desc')
      .first('a.*');
    expect(row).toMatchObject({ outcome: 'allowed', entity: 'customer' });
    expect(row.row_count).toBeGreaterThanOrEqual(2);
    // What was searched for is kept only as its keyed hash (personal data).
    expect(row.detail).toBeNull();
    expect(row.search_hash).toBe(app.services.audit.searchHash.hash('刘'));
    expect(row.at).toBeInstanceOf(Date);
    await supervisor.get(`/api/customers?q=${enc('刘')}`);
    const again = await t.db('audit_log as a').join('users as u', 'u.id', 'a.user_id').where({ 'u.username': 'supervisor1', action: 'customer.search' }).orderBy('a.id', 'desc').first('a.detail');
    expect(again.detail).toEqual(row.detail);
  });
});

describe('customer 360', () => {
  it("shows profile, latest interactions with notes and dispositions, and open cases with due times", async () => {
    const r = await agent1.get(`/api/customers/${id.zhangwei}`);
    expect(r.status).toBe(200);
    const { customer, interactions, cases } = r.body;
    expect(customer).toMatchObject({ name: '张伟', valueTier: 'vip', ownerName: '李娜 Li Na', company: '华为技术有限公司' });
    expect(customer.phones.map((p: { e164: string }) => p.e164)).toEqual(['+8613800138000', '+861065529988']);
    expect(interactions.items.length).toBe(4);
    expect(interactions.items[0]).toMatchObject({ disposition: 'complaint_logged', agentName: '李娜 Li Na', direction: 'inbound' });
    expect(interactions.items[0].notes).toContain('投诉');
    // newest first
    const times = interactions.items.map((i: { startedAt: string }) => Date.parse(i.startedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(cases.open.map((c: { kind: string }) => c.kind).sort()).toEqual(['complaint', 'ticket']);
    const complaint = cases.open.find((c: { kind: string }) => c.kind === 'complaint');
    expect(complaint.number).toMatch(/^C-\d{4}-\d{6}$/);
    expect(Date.parse(complaint.resolveDueAt)).toBeGreaterThan(Date.now());
    expect(complaint.ackDueAt).not.toBeNull();
    expect(cases.recent.map((c: { status: string }) => c.status)).toEqual(['closed']);
  });

  it('pages through a long history with a cursor, without gaps or repeats', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      customer_id: id.zhangwei,
      kind: 'note',
      started_at: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
      notes: `note ${i}`,
    }));
    await t.db.batchInsert('interactions', many, 100);
    const seen: number[] = [];
    let page = (await admin.get(`/api/customers/${id.zhangwei}`)).body.interactions;
    seen.push(...page.items.map((i: { id: number }) => i.id));
    while (page.nextCursor) {
      page = (await admin.get(`/api/customers/${id.zhangwei}/interactions?before=${enc(page.nextCursor)}&limit=30`)).body;
      seen.push(...page.items.map((i: { id: number }) => i.id));
    }
    expect(seen.length).toBe(124);
    expect(new Set(seen).size).toBe(124);
    const bad = await admin.get(`/api/customers/${id.zhangwei}/interactions?before=nonsense`);
    expect(bad.status).toBe(400);
  });

  it('hides ticket and complaint details from a marketer on the campaign list', async () => {
    const r = await marketer.get(`/api/customers/${id.zhangwei}`);
    expect(r.status).toBe(200);
    expect(r.body.cases).toBeNull();
    expect((await marketer.get(`/api/customers/${id.emily}`)).status).toBe(403);
  });

  it('hides from a marketer the call notes and the wrap-up codes that tell of a complaint, not the calls', async () => {
    type Item = { id: number; disposition: string | null; dispositionLabel: unknown; notes: string | null };
    const full = (await admin.get(`/api/customers/${id.zhangwei}`)).body.interactions.items as Item[];
    const complaintCall = full.find((i) => i.disposition === 'complaint_logged' && i.notes);
    expect(complaintCall, 'the demo has a complaint call with notes for 张伟').toBeDefined();
    for (const path of [`/api/customers/${id.zhangwei}`, `/api/customers/${id.zhangwei}/interactions`]) {
      const r = await marketer.get(path);
      const items = (path.endsWith('interactions') ? r.body.items : r.body.interactions.items) as Item[];
      expect(items.map((i) => i.id)).toEqual(full.map((i) => i.id).slice(0, items.length));
      expect(items.filter((i) => i.notes !== null)).toEqual([]);
      expect(items.find((i) => i.id === complaintCall!.id)).toMatchObject({ disposition: null, dispositionLabel: null });
    }
  });

  it("refuses an agent a customer they neither own nor handled, and audits the attempt", async () => {
    const r = await agent1.get(`/api/customers/${id.emily}`);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    const audit = await t.db('audit_log').where({ action: 'customer.view', outcome: 'denied', entity_id: String(id.emily) }).first();
    expect(audit).toBeDefined();
    expect((await agent1.get(`/api/customers/${id.emily}/interactions`)).status).toBe(403);
    expect((await agent1.patch(`/api/customers/${id.emily}`, { name: 'x' })).status).toBe(403);
  });

  it('lets an agent see a customer whose call is being offered to them right now, and only then', async () => {
    const agent1Id = (await t.db('users').where({ username: 'agent1' }).first('id')).id;
    const [call] = await t.db('interactions').insert({ customer_id: id.emily, kind: 'call', direction: 'inbound' }).returning('id');
    const [offer] = await t.db('interaction_offers').insert({ interaction_id: call.id, agent_id: agent1Id }).returning('id');
    expect((await agent1.get(`/api/customers/${id.emily}`)).status).toBe(200);
    await t.db('interaction_offers').where({ id: offer.id }).update({ outcome: 'missed', ended_at: new Date() });
    expect((await agent1.get(`/api/customers/${id.emily}`)).status).toBe(403);
  });

  it('lets a supervisor see what the team handled, and says 400 for an id that is not one', async () => {
    expect((await supervisor.get(`/api/customers/${id.emily}`)).status).toBe(200);
    expect((await supervisor.get('/api/customers/abc')).status).toBe(400);
  });

  it('answers a customer or case that does not exist exactly as one the viewer may not see, so ids cannot be probed', async () => {
    const hidden = [(await admin.post('/api/customers', { name: 'Probe Target' })).body.customer];
    const seen = (r: { status: number; body: { error: { code: string; message: string } } }) => [r.status, r.body.error.code, r.body.error.message];
    expect(seen(await agent1.get('/api/customers/999999999'))).toEqual(seen(await agent1.get(`/api/customers/${hidden[0].id}`)));
    expect(seen(await agent1.get('/api/customers/999999999'))[0]).toBe(403);
    const hiddenCase = (await admin.post('/api/cases', { kind: 'ticket', customerId: hidden[0].id, subject: 'Probe' })).body.case.id;
    expect(seen(await agent1.get('/api/cases/999999999'))).toEqual(seen(await agent1.get(`/api/cases/${hiddenCase}`)));
    // One who sees every record learns nothing from "not found".
    expect((await admin.get('/api/customers/999999999')).status).toBe(404);
    expect((await admin.get('/api/cases/999999999')).status).toBe(404);
  });
});

describe('creating and changing customers', () => {
  it('creates a customer with normalised phones, owned by the agent who made it', async () => {
    const r = await agent1.post('/api/customers', {
      name: '黄晓明',
      phones: [{ number: '186 1234 0000', label: 'mobile' }, { number: '+44 7400 123456' }],
      email: 'huang@example.cn',
      tags: ['new'],
    });
    expect(r.status).toBe(201);
    expect(r.body.customer.phones).toEqual([
      { e164: '+8618612340000', raw: '186 1234 0000', label: 'mobile' },
      { e164: '+447400123456', raw: '+44 7400 123456', label: null },
    ]);
    expect(r.body.customer.ownerName).toBe('李娜 Li Na');
    const found = await agent1.get(`/api/customers?phone=${enc('0086 186-1234-0000')}`);
    expect(found.body.items.map((c: { name: string }) => c.name)).toEqual(['黄晓明']);
  });

  it('names every bad field and saves nothing', async () => {
    const before = await t.db('customers').count<{ count: number }[]>('* as count');
    const r = await agent1.post('/api/customers', {
      name: 'x'.repeat(201),
      email: 'nope',
      valueTier: 'diamond',
      favourite: 'tea',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'favourite', 'name', 'valueTier']);
    const phones = await agent1.post('/api/customers', { name: 'Ok', phones: [{ number: '12' }, { number: '138 0013 8000' }, { number: 'call me' }] });
    expect(phones.status).toBe(400);
    expect(phones.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['phones.0.number', 'phones.2.number']);
    const after = await t.db('customers').count<{ count: number }[]>('* as count');
    expect(after).toEqual(before);
  });

  it('updates fields and phones; only supervisors and admins move a customer to another owner', async () => {
    const r = await agent1.patch(`/api/customers/${id.zhangwei}`, { company: '华为终端有限公司', phones: [{ number: '138 0013 8000' }] });
    expect(r.status).toBe(200);
    expect(r.body.customer.company).toBe('华为终端有限公司');
    expect(r.body.customer.phones).toHaveLength(1);
    const agent2Id = (await t.db('users').where({ username: 'agent2' }).first('id')).id;
    expect((await agent1.patch(`/api/customers/${id.zhangwei}`, { ownerId: agent2Id })).status).toBe(403);
    expect((await supervisor.patch(`/api/customers/${id.zhangwei}`, { ownerId: agent2Id })).status).toBe(200);
    expect((await supervisor.patch(`/api/customers/${id.zhangwei}`, { ownerId: 424242 })).body.error.fields).toEqual([
      { field: 'ownerId', message: 'No such user' },
    ]);
    expect((await admin.patch(`/api/customers/${id.zhangwei}`, {})).status).toBe(400);
  });

  it('refuses marketers any change', async () => {
    expect((await marketer.post('/api/customers', { name: 'Lead' })).status).toBe(403);
    expect((await marketer.patch(`/api/customers/${id.zhangwei}`, { name: 'x' })).status).toBe(403);
  });
});
