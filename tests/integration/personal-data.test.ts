// Personal data rights over the API: consent, masking and its audited reveal, the export, and
// the legal hold that blocks erasure. The erasure itself is proved in erasure.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let zhangwei: number, emily: number;
let agent1: ApiClient, agent2: ApiClient, supervisor: ApiClient, marketer: ApiClient, admin: ApiClient;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 30);
  app = await startTestApp(t.db);
  zhangwei = (await t.db('customers').where({ name: '张伟' }).first('id')).id;
  emily = (await t.db('customers').where({ name: 'Emily Chan' }).first('id')).id;
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  [agent1, agent2, supervisor, marketer, admin] = await Promise.all([login('agent1'), login('agent2'), login('supervisor1'), login('marketer1'), login('admin1')]);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

async function lastAudit(action: string) {
  return t.db('audit_log as a').leftJoin('users as u', 'u.id', 'a.user_id').where('a.action', action).orderBy('a.id', 'desc').first('a.*', 'u.username');
}

describe('consent', () => {
  it('starts unknown for every purpose, and the latest decision per purpose is in force at once', async () => {
    const before = await agent1.get(`/api/customers/${zhangwei}/consents`);
    expect(before.status).toBe(200);
    expect(before.body.current.map((s: { purpose: string; state: string }) => [s.purpose, s.state])).toEqual([
      ['service_calls', 'unknown'],
      ['marketing_calls', 'unknown'],
      ['marketing_sms', 'unknown'],
    ]);

    const given = await agent1.post(`/api/customers/${zhangwei}/consents`, { purpose: 'marketing_calls', decision: 'given', channel: 'web_form' });
    expect(given.status).toBe(201);
    expect(await app.services.consent.consentState(zhangwei, 'marketing_calls')).toMatchObject({ state: 'given', channel: 'web_form' });

    // The customer says "stop calling me" on a call: the campaigns see it with the next read.
    const withdrawn = await agent1.post(`/api/customers/${zhangwei}/consents`, { purpose: 'marketing_calls', decision: 'withdrawn', channel: 'call' });
    expect(withdrawn.status).toBe(201);
    expect(await app.services.consent.consentState(zhangwei, 'marketing_calls')).toMatchObject({ state: 'withdrawn', channel: 'call' });
    expect(withdrawn.body.current[1]).toMatchObject({ purpose: 'marketing_calls', state: 'withdrawn', channel: 'call' });
    expect(withdrawn.body.history.map((h: { decision: string }) => h.decision)).toEqual(['withdrawn', 'given']);
    expect(withdrawn.body.history[0]).toMatchObject({ recordedByName: expect.any(String), recordedById: expect.any(Number) });
    expect(await app.services.consent.consentState(zhangwei, 'marketing_sms')).toMatchObject({ state: 'unknown' });

    const entry = await lastAudit('consent.record');
    expect(entry).toMatchObject({ username: 'agent1', entity: 'customer', entity_id: String(zhangwei), outcome: 'allowed' });
    expect(entry.detail).toMatchObject({ purpose: 'marketing_calls', decision: 'withdrawn', channel: 'call' });
  });

  it('lets marketers read consent but not record it, and nobody touch a customer they may not see', async () => {
    expect((await marketer.get(`/api/customers/${zhangwei}/consents`)).status).toBe(200);
    const refused = await marketer.post(`/api/customers/${zhangwei}/consents`, { purpose: 'marketing_sms', decision: 'given', channel: 'call' });
    expect(refused.status).toBe(403);
    expect(await lastAudit('http.role_refused')).toMatchObject({ username: 'marketer1', outcome: 'denied' });
    const other = await agent1.post(`/api/customers/${emily}/consents`, { purpose: 'marketing_sms', decision: 'given', channel: 'call' });
    expect(other.status).toBe(403);
    expect(await t.db('customer_consents').where({ customer_id: emily }).count()).toEqual([{ count: 0 }]);
  });

  it('refuses a purpose, decision or channel outside the vocabulary with a 400 naming the field', async () => {
    const r = await agent1.post(`/api/customers/${zhangwei}/consents`, { purpose: 'telepathy', decision: 'given', channel: 'call' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['purpose']);
  });
});

describe('phone masking', () => {
  it('masks numbers for marketers by default on the customer page, in searches and in the call history', async () => {
    const page = await marketer.get(`/api/customers/${zhangwei}`);
    expect(page.status).toBe(200);
    expect(page.body.customer.phonesMasked).toBe(true);
    expect(page.body.customer.phones.map((p: { e164: string }) => p.e164)).toEqual(['+86138****8000', '+8610****9988']);
    expect(JSON.stringify(page.body)).not.toContain('13800138000');
    const found = await marketer.get(`/api/customers?q=${encodeURIComponent('张伟')}`);
    expect(JSON.stringify(found.body)).not.toContain('13800138000');
    expect(found.body.items[0].phones[0].e164).toBe('+86138****8000');

    const agentView = await agent1.get(`/api/customers/${zhangwei}`);
    expect(agentView.body.customer.phones[0].e164).toBe('+8613800138000');
    expect(agentView.body.customer.phonesMasked).toBeUndefined();
  });

  it('reveals the whole numbers to a viewer who may see the customer, and audits it', async () => {
    const r = await marketer.post(`/api/customers/${zhangwei}/phones/reveal`);
    expect(r.status).toBe(200);
    expect(r.body.phones.map((p: { e164: string }) => p.e164)).toEqual(['+8613800138000', '+861065529988']);
    expect(await lastAudit('customer.phones.reveal')).toMatchObject({ username: 'marketer1', entity_id: String(zhangwei), row_count: 2 });
    expect((await agent1.post(`/api/customers/${emily}/phones/reveal`)).status).toBe(403);
  });

  it('follows the policy an admin saves: supervisors read it, only admins change it, and the change is audited', async () => {
    const policy = await supervisor.get('/api/privacy/phone-masking');
    expect(policy.body).toEqual({ value: { maskedRoles: ['marketer'] }, version: 0 });
    expect((await supervisor.put('/api/privacy/phone-masking', { value: { maskedRoles: [] }, version: 0 })).status).toBe(403);
    expect((await admin.put('/api/privacy/phone-masking', { value: { maskedRoles: ['nobody'] }, version: 0 })).status).toBe(400);

    const saved = await admin.put('/api/privacy/phone-masking', { value: { maskedRoles: ['agent', 'marketer'] }, version: 0 });
    expect(saved.body).toEqual({ value: { maskedRoles: ['agent', 'marketer'] }, version: 1 });
    expect((await agent1.get(`/api/customers/${zhangwei}`)).body.customer.phones[0].raw).toBe('138 **** 8000');
    const history = await agent1.get(`/api/customers/${zhangwei}/interactions`);
    expect(history.body.items.every((i: { callerNumber: string | null }) => i.callerNumber === null || i.callerNumber.includes('****'))).toBe(true);
    expect(await lastAudit('settings.update')).toMatchObject({ username: 'admin1', entity_id: 'phone_masking' });

    expect((await admin.put('/api/privacy/phone-masking', { value: { maskedRoles: ['marketer'] }, version: 0 })).status).toBe(409);
    await admin.put('/api/privacy/phone-masking', { value: { maskedRoles: ['marketer'] }, version: 1 });
    expect((await agent1.get(`/api/customers/${zhangwei}`)).body.customer.phones[0].e164).toBe('+8613800138000');
  });
});

describe('export', () => {
  it('gives supervisors and admins the profile, consents, interactions, cases and notes as JSON, audited', async () => {
    const r = await supervisor.get(`/api/customers/${zhangwei}/export`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(`customer-${zhangwei}.json`);
    expect(r.body.profile).toMatchObject({ id: zhangwei, name: '张伟' });
    expect(r.body.phones.map((p: { e164: string }) => p.e164)).toContain('+8613800138000');
    expect(r.body.consents.length).toBeGreaterThanOrEqual(2);
    expect(r.body.interactions.length).toBeGreaterThan(0);
    expect(r.body.interactions.some((i: { notes: string | null }) => i.notes?.includes('投诉'))).toBe(true);
    expect(r.body.cases.some((c: { kind: string }) => c.kind === 'complaint')).toBe(true);
    const entry = await lastAudit('customer.export');
    expect(entry).toMatchObject({ username: 'supervisor1', entity_id: String(zhangwei), outcome: 'allowed' });
    expect(entry.detail).toEqual({ format: 'json' });
  });

  it('gives a zip of CSV files with ?format=csv', async () => {
    const res = await fetch(`${app.baseUrl}/api/customers/${zhangwei}/export?format=csv`, { headers: { cookie: admin.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const dir = mkdtempSync(path.join(tmpdir(), 'export-'));
    writeFileSync(path.join(dir, 'x.zip'), Buffer.from(await res.arrayBuffer()));
    execFileSync('unzip', ['-q', path.join(dir, 'x.zip'), '-d', dir]);
    const profile = readFileSync(path.join(dir, 'profile.csv'), 'utf8');
    expect(profile.split('\r\n')[0]).toContain('name');
    expect(profile).toContain('张伟');
    expect(readFileSync(path.join(dir, 'interactions.csv'), 'utf8')).toContain('投诉');
    expect(readFileSync(path.join(dir, 'consents.csv'), 'utf8')).toContain('marketing_calls');
    for (const f of ['phones.csv', 'cases.csv', 'case_notes.csv']) expect(readFileSync(path.join(dir, f), 'utf8').length).toBeGreaterThan(0);
    expect((await lastAudit('customer.export')).detail).toEqual({ format: 'csv' });
  });

  it('refuses agents and marketers, and a supervisor a customer outside their team', async () => {
    expect((await agent1.get(`/api/customers/${zhangwei}/export`)).status).toBe(403);
    expect((await marketer.get(`/api/customers/${zhangwei}/export`)).status).toBe(403);
    const unseen = (await t.db('customers').whereNull('team_id').whereNull('owner_id').whereNotExists(t.db('interactions').whereRaw('interactions.customer_id = customers.id')).first('id')).id;
    expect((await supervisor.get(`/api/customers/${unseen}/export`)).status).toBe(403);
    expect((await admin.get(`/api/customers/${zhangwei}/export?format=pdf`)).status).toBe(400);
  });
});

describe('erasure refused', () => {
  it('answers 409 naming the open complaint that holds the data, and audits the refusal', async () => {
    const complaint = await t.db('tickets').where({ customer_id: zhangwei, kind: 'complaint' }).whereNot('status', 'closed').first('number');
    const r = await admin.post(`/api/customers/${zhangwei}/erasure`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFLICT');
    expect(r.body.error.message).toContain('legal hold');
    expect(r.body.error.message).toContain(complaint.number);
    expect((await t.db('customers').where({ id: zhangwei }).first('name')).name).toBe('张伟');
    const entry = await lastAudit('customer.erase');
    expect(entry).toMatchObject({ username: 'admin1', outcome: 'denied' });
    expect(entry.detail).toMatchObject({ reason: 'legal_hold', holds: [{ kind: 'open_complaint', caseNumber: complaint.number }] });
  });

  it('answers 409 for an open dispute, in 简体中文 too', async () => {
    const c = await admin.post('/api/customers', { name: 'Dispute Person', phones: [{ number: '+86 139 0000 7711' }] });
    const ticket = await admin.post('/api/cases', { kind: 'ticket', customerId: c.body.customer.id, subject: 'Contested bill', category: 'dispute' });
    expect(ticket.status).toBe(201);
    admin.headers['accept-language'] = 'zh-CN';
    const r = await admin.post(`/api/customers/${c.body.customer.id}/erasure`);
    delete admin.headers['accept-language'];
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain('争议');
    expect(r.body.error.message).toContain(ticket.body.case.number);
  });

  it('is for admins only', async () => {
    expect((await supervisor.post(`/api/customers/${zhangwei}/erasure`)).status).toBe(403);
    expect((await agent2.post(`/api/customers/${emily}/erasure`)).status).toBe(403);
    expect(await lastAudit('http.role_refused')).toMatchObject({ username: 'agent2', outcome: 'denied' });
  });
});
