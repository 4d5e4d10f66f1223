// Outbound campaigns through the API: a marketer creates a campaign, imports a list (every row
// imported or rejected with its reason), and the dry run says who would be dialled now and why
// not the others — consent, do-not-call (in force at once), calling windows in the lead's time,
// attempts, retries, callbacks, the frequency cap across campaigns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient, supervisor: ApiClient, marketer: ApiClient, agent: ApiClient;
// Thursday 2026-11-26 09:00 UTC: 17:00 in Shanghai, 04:00 in New York.
const clock = new FakeClock();

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(clock.now()), 0);
  app = await startTestApp(t.db, undefined, { clock });
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  [admin, supervisor, marketer, agent] = await Promise.all([login('admin1'), login('supervisor1'), login('marketer1'), login('agent1')]);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const importCsv = (c: ApiClient, id: number, csv: string, query = '') => c.request('POST', `/api/campaigns/${id}/leads/import${query}`, undefined, csv, 'text/csv');

async function createCampaign(purpose: 'marketing' | 'service', name = `Campaign ${Math.random()}`) {
  const r = await marketer.post('/api/campaigns', { name, purpose, mode: 'preview' });
  expect(r.status).toBe(201);
  return r.body as { id: number; version: number };
}

async function leadIdOf(campaignId: number, e164: string): Promise<number> {
  return Number((await t.db('campaign_leads').where({ campaign_id: campaignId, phone_e164: e164 }).first('id')).id);
}

describe('campaigns', () => {
  it('lets a marketer create a campaign with default rules, and refuses an agent', async () => {
    const r = await marketer.post('/api/campaigns', { name: 'Winter offers', purpose: 'marketing', mode: 'preview' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'Winter offers', purpose: 'marketing', mode: 'preview', status: 'draft', rules: { window: { start: '08:00', end: '21:00' }, capPerDay: 1, capPerWeek: 3 } });
    expect((await agent.post('/api/campaigns', { name: 'x', purpose: 'service', mode: 'preview' })).status).toBe(403);
    expect((await marketer.post('/api/campaigns', { name: 'x', purpose: 'cold', mode: 'preview' })).status).toBe(400);
    // Supervisors see it; the agent, not assigned, does not.
    expect((await supervisor.get(`/api/campaigns/${r.body.id}`)).status).toBe(200);
    expect((await agent.get(`/api/campaigns/${r.body.id}`)).status).toBe(403);
    const started = await marketer.post(`/api/campaigns/${r.body.id}/start`);
    expect(started.body.status).toBe('running');
    expect((await marketer.post(`/api/campaigns/${r.body.id}/pause`)).body.status).toBe('paused');
  });

  it('imports a list: every data row is imported or rejected with its reason, and the rejections can be downloaded', async () => {
    const c = await createCampaign('service');
    const csv = [
      'Name,Phone,Priority',
      'Li Lei,139 5555 0101,3', // 1 imported
      'Bad Number,12345,', // 2 phone_invalid
      'No Number,,', // 3 phone_missing
      'Again,+86 139-5555-0101,', // 4 duplicate_in_file (row 1)
      '"Han, Meimei",13700001111,high', // 5 bad_priority
      '张伟,138 0013 8000,', // 6 existing customer: merged
      'Extra,13700002222,1,extra', // 7 too_many_columns
      '"Wang ""Xiao"" Ming",13700003333,', // 8 imported
    ].join('\r\n');
    const r = await importCsv(marketer, c.id, csv);
    expect(r.status).toBe(200);
    expect(r.body.rowsRead).toBe(8);
    expect(r.body.imported + r.body.rejected.length).toBe(8);
    expect(r.body.imported).toBe(3);
    expect(r.body.customersCreated).toBe(2);
    expect(r.body.rejected).toEqual([
      { row: 2, reason: 'phone_invalid', detail: '12345' },
      { row: 3, reason: 'phone_missing', detail: null },
      { row: 4, reason: 'duplicate_in_file', detail: 'row 1' },
      { row: 5, reason: 'bad_priority', detail: 'high' },
      { row: 7, reason: 'too_many_columns', detail: '4' },
    ]);
    // The existing customer's number made a lead of that customer, not a new one.
    const zhang = await t.db('customer_phones').where({ e164: '+8613800138000' }).pluck('customer_id');
    expect(zhang).toHaveLength(1);
    expect(await t.db('campaign_leads').where({ campaign_id: c.id, customer_id: zhang[0] }).first()).toBeTruthy();
    const wang = await t.db('customers as c').join('customer_phones as p', 'p.customer_id', 'c.id').where('p.e164', '+8613700003333').first('c.name');
    expect(wang.name).toBe('Wang "Xiao" Ming');
    const lead = await t.db('campaign_leads').where({ campaign_id: c.id, phone_e164: '+8613955550101' }).first();
    expect(lead).toMatchObject({ status: 'new', priority: 3, time_zones: ['Asia/Shanghai'] });

    // The same file again: everything is already there or still wrong.
    const again = await importCsv(marketer, c.id, csv);
    expect(again.body.imported).toBe(0);
    expect(again.body.rejected.filter((x: { reason: string }) => x.reason === 'already_in_campaign').map((x: { row: number }) => x.row)).toEqual([1, 6, 8]);

    const download = await marketer.get(`/api/campaigns/${c.id}/imports/${r.body.importId}/rejections?format=csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/text\/csv/);
    expect(String(download.body).split('\r\n')).toEqual(expect.arrayContaining(['row,reason,detail', '2,phone_invalid,12345', '4,duplicate_in_file,row 1']));
    expect(await t.db('audit_log').where({ action: 'campaign.import.rejections.export', entity_id: String(c.id) }).first()).toBeTruthy();
    const imports = await marketer.get(`/api/campaigns/${c.id}/imports`);
    expect(imports.body.items[1]).toMatchObject({ id: r.body.importId, status: 'done', rowsRead: 8, imported: 3, rejected: 5 });
  });

  it('refuses an import without a phone column, or one that is not CSV, and lets the marketer name the column', async () => {
    const c = await createCampaign('service');
    const noPhone = await importCsv(marketer, c.id, 'mobile,name\n13700004444,A');
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error.fields[0].field).toBe('phone');
    expect((await marketer.post(`/api/campaigns/${c.id}/leads/import`, { phone: '1' })).status).toBe(400);
    const nul = await importCsv(marketer, c.id, 'phone,name\n13700007777,A\u0000B');
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toContain('not readable CSV');
    const mapped = await importCsv(marketer, c.id, 'mobile,name\n13700004444,A', '?phone=Mobile');
    expect(mapped.body).toMatchObject({ imported: 1, rejected: [] });
    // Only the owner (or an admin) imports; supervisors see, they do not import.
    expect((await importCsv(supervisor, c.id, 'phone\n13700005555')).status).toBe(403);
  });

  it('rejects numbers that are customers’ when the marketer chooses to skip them', async () => {
    const c = await createCampaign('service');
    const r = await importCsv(marketer, c.id, 'phone\n138 0013 8000\n13700006666', '?existing=skip');
    expect(r.body).toMatchObject({ imported: 1, rejected: [{ row: 1, reason: 'existing_customer' }] });
  });

  describe('the dry run', () => {
    let c: { id: number };
    const phones = {
      ok: '+8613711110001',
      noConsent: '+8613711110002',
      dnc: '+8613711110003',
      night: '+8613711110004',
      maxed: '+8613711110005',
      callback: '+8613711110006',
      retry: '+8613711110007',
      capped: '+8613711110008',
      abandoned: '+8613711110009',
    };

    beforeAll(async () => {
      c = await createCampaign('marketing');
      const rows = Object.entries(phones).map(([k, p]) => `${k},${p},${k === 'night' ? 'America/New_York' : ''}`);
      const r = await importCsv(marketer, c.id, ['name,phone,timezone', ...rows].join('\n'));
      expect(r.body.imported).toBe(9);
      // Everyone consents to marketing calls but one, who never said.
      for (const [k, p] of Object.entries(phones)) {
        if (k === 'noConsent') continue;
        const customerId = (await t.db('customer_phones').where({ e164: p }).first('customer_id')).customer_id;
        expect((await admin.post(`/api/customers/${customerId}/consents`, { purpose: 'marketing_calls', decision: 'given', channel: 'import' })).status).toBe(201);
      }
      const now = clock.now();
      const H = 3_600_000;
      await t.db('campaign_leads').where({ id: await leadIdOf(c.id, phones.maxed) }).update({ attempts: 5 });
      await t.db('campaign_leads').where({ id: await leadIdOf(c.id, phones.callback) }).update({ callback_at: new Date(now + 2 * H) });
      await t.db('campaign_leads').where({ id: await leadIdOf(c.id, phones.retry) }).update({ retry_at: new Date(now + H) });
      // A call to the capped number from another campaign today, an abandoned one two days ago.
      const other = await createCampaign('service');
      await importCsv(marketer, other.id, `phone\n${phones.capped}\n${phones.abandoned}`);
      await t.db('campaign_attempts').insert([
        { lead_id: await leadIdOf(other.id, phones.capped), campaign_id: other.id, outcome: 'no_answer', at: new Date(now - 2 * H) },
        { lead_id: await leadIdOf(other.id, phones.abandoned), campaign_id: other.id, outcome: 'abandoned', at: new Date(now - 48 * H) },
      ]);
    });

    it('says who would be dialled and why not the others, one reason per lead', async () => {
      expect((await marketer.post('/api/dnc', { number: '137 1111 0003', campaignId: c.id })).status).toBe(201);
      const r = await marketer.get(`/api/campaigns/${c.id}/dry-run`);
      expect(r.status).toBe(200);
      expect(r.body.wouldDialCount).toBe(1);
      expect(r.body.wouldDial).toHaveLength(1);
      expect(r.body.wouldDial[0]).toMatchObject({ name: 'ok', timeZone: 'Asia/Shanghai', localTime: '17:00' });
      expect(r.body.excluded).toMatchObject({
        no_consent: 1,
        dnc: 1,
        outside_window: 1,
        max_attempts: 1,
        callback_scheduled: 1,
        retry_wait: 1,
        frequency_cap: 1,
        abandon_recall: 1,
      });
      expect(r.body.samples.outside_window[0]).toMatchObject({ name: 'night', timeZone: 'America/New_York', localTime: '04:00' });
      expect(r.body.samples.dnc[0].name).toBe('dnc');
      // Marketers see numbers masked (the default masking policy); supervisors whole.
      expect(r.body.wouldDial[0].phone).toBe('+86137****0001');
      expect((await supervisor.get(`/api/campaigns/${c.id}/dry-run`)).body.wouldDial[0].phone).toBe(phones.ok);
    });

    it('follows a do-not-call entry and a consent withdrawal at once, on the global list for every campaign', async () => {
      expect((await agent.post('/api/dnc', { number: phones.ok })).status).toBe(201);
      const r = await marketer.get(`/api/campaigns/${c.id}/dry-run`);
      expect(r.body.wouldDialCount).toBe(0);
      expect(r.body.excluded.dnc).toBe(2);
      const listed = await marketer.get('/api/dnc');
      expect(listed.body.items[0]).toMatchObject({ number: '+86137****0001', campaignId: null, source: 'manual', addedByName: expect.any(String) });
      expect(await t.db('audit_log').where({ action: 'dnc.add' }).count('* as n').first()).toMatchObject({ n: 2 });
      // The customer in New York withdraws consent on a call: no consent now, before any window.
      const night = (await t.db('customer_phones').where({ e164: phones.night }).first('customer_id')).customer_id;
      expect((await admin.post(`/api/customers/${night}/consents`, { purpose: 'marketing_calls', decision: 'withdrawn', channel: 'call' })).status).toBe(201);
      const after = await marketer.get(`/api/campaigns/${c.id}/dry-run`);
      expect(after.body.excluded).toMatchObject({ no_consent: 2, outside_window: 0 });
    });

    it('lets a service campaign call without marketing consent', async () => {
      const s = await createCampaign('service');
      await importCsv(marketer, s.id, `phone\n${phones.noConsent}`);
      const r = await marketer.get(`/api/campaigns/${s.id}/dry-run`);
      expect(r.body.wouldDialCount).toBe(1);
      expect(r.body.excluded.no_consent).toBe(0);
    });

    it('exports the dry run as CSV, audited', async () => {
      const r = await marketer.get(`/api/campaigns/${c.id}/dry-run/export`);
      expect(r.status).toBe(200);
      expect(String(r.body)).toContain('no_consent');
      expect(await t.db('audit_log').where({ action: 'campaign.dryRun.export', entity_id: String(c.id) }).first()).toBeTruthy();
    });
  });

  it('refuses a number that is not a phone number on the do-not-call list', async () => {
    const r = await marketer.post('/api/dnc', { number: 'not a number' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0].field).toBe('number');
  });

  describe('preview dialing', () => {
    it('gives an assigned agent the next lead, ties the call to the campaign, and follows the outcome', async () => {
      const c = await createCampaign('service');
      const first = '+8613822220001';
      const second = '+8613822220002';
      await importCsv(marketer, c.id, `name,phone,priority\nLow Lu,${second},1\nHigh Hu,${first},5`);
      const agentId = (await t.db('users').where({ username: 'agent1' }).first('id')).id as number;
      const other = await new ApiClient(app.baseUrl).login('agent2');
      const assigned = await marketer.patch(`/api/campaigns/${c.id}`, { version: c.version, agentIds: [agentId] });
      expect(assigned.status).toBe(200);
      expect((await marketer.patch(`/api/campaigns/${c.id}`, { version: assigned.body.version, agentIds: [(await t.db('users').where({ username: 'marketer1' }).first('id')).id] })).status).toBe(400);

      expect((await agent.post(`/api/campaigns/${c.id}/next-lead`)).status).toBe(409); // not running yet
      await marketer.post(`/api/campaigns/${c.id}/start`);
      expect((await other.post(`/api/campaigns/${c.id}/next-lead`)).status).toBe(403);

      const next = await agent.post(`/api/campaigns/${c.id}/next-lead`);
      expect(next.status).toBe(200);
      expect(next.body.lead).toMatchObject({ campaignId: c.id, lead: { name: 'High Hu', phone: first, status: 'new' }, attempts: [] });
      const leadId = next.body.lead.lead.leadId as number;
      // It stays on the desk until its outcome.
      expect((await agent.post(`/api/campaigns/${c.id}/next-lead`)).body.lead.lead.leadId).toBe(leadId);

      // The agent dials from the desk; the call is logged as an outbound call to the number.
      const [call] = await t.db('interactions')
        .insert({ kind: 'call', direction: 'outbound', caller_number: first, agent_id: agentId, started_at: new Date(clock.now() - 60_000), ended_at: new Date(clock.now()), agent_handled: true })
        .returning('id');
      const outcome = await agent.post(`/api/campaigns/${c.id}/leads/${leadId}/outcome`, { outcome: 'no_answer' });
      expect(outcome.status).toBe(204);
      expect(await t.db('interactions').where({ id: call.id }).first('campaign_id')).toEqual({ campaign_id: c.id });
      expect(await t.db('campaign_leads').where({ id: leadId }).first('attempts', 'status', 'last_outcome')).toEqual({ attempts: 1, status: 'new', last_outcome: 'no_answer' });
      expect((await marketer.get(`/api/campaigns/${c.id}/dry-run`)).body.excluded.retry_wait).toBe(1);
      // Not on the desk any more: a second outcome is refused.
      expect((await agent.post(`/api/campaigns/${c.id}/leads/${leadId}/outcome`, { outcome: 'sale' })).status).toBe(409);

      const second1 = await agent.post(`/api/campaigns/${c.id}/next-lead`);
      expect(second1.body.lead.lead.name).toBe('Low Lu');
      const secondId = second1.body.lead.lead.leadId as number;
      expect((await agent.post(`/api/campaigns/${c.id}/leads/${secondId}/outcome`, { outcome: 'callback' })).status).toBe(400);
      // "Don't call me again": lost here, and on the global list for every campaign at once.
      expect((await agent.post(`/api/campaigns/${c.id}/leads/${secondId}/outcome`, { outcome: 'dnc_request' })).status).toBe(204);
      expect(await t.db('campaign_leads').where({ id: secondId }).first('status')).toEqual({ status: 'lost' });
      expect(await t.db('dnc_entries').where({ number: second }).first('source', 'campaign_id')).toEqual({ source: 'call', campaign_id: null });
      const elsewhere = await createCampaign('service');
      await importCsv(marketer, elsewhere.id, `phone\n${second}`);
      expect((await marketer.get(`/api/campaigns/${elsewhere.id}/dry-run`)).body.excluded.dnc).toBe(1);

      expect((await agent.post(`/api/campaigns/${c.id}/next-lead`)).body.lead).toBeNull();
      const figures = await marketer.get(`/api/campaigns/${c.id}`);
      expect(figures.body.leads).toMatchObject({ total: 2, dialled: 2, byStatus: { new: 1, lost: 1 } });
    });

    it('puts a skipped lead back for a while', async () => {
      const c = await createCampaign('service');
      await importCsv(marketer, c.id, 'phone\n+8613822220003');
      const agentId = (await t.db('users').where({ username: 'agent1' }).first('id')).id as number;
      await marketer.patch(`/api/campaigns/${c.id}`, { version: c.version, agentIds: [agentId] });
      await marketer.post(`/api/campaigns/${c.id}/start`);
      const lead = (await agent.post(`/api/campaigns/${c.id}/next-lead`)).body.lead.lead;
      expect((await agent.post(`/api/campaigns/${c.id}/leads/${lead.leadId}/skip`, { reason: 'needs_research' })).status).toBe(204);
      expect((await agent.post(`/api/campaigns/${c.id}/next-lead`)).body.lead).toBeNull();
      expect((await marketer.get(`/api/campaigns/${c.id}/dry-run`)).body.excluded.retry_wait).toBe(1);
    });
  });
});
