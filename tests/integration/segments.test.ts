// Purchases, RFM and segments through the API: a marketer imports purchases (every row imported
// or rejected with its reason), recomputes RFM and sees each customer's segment on the customer
// page and in the screen-pop, builds a segment whose count and sample follow the filters (never
// a customer a list may not call), and saves it as a campaign's dial list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient, supervisor: ApiClient, marketer: ApiClient, agent: ApiClient;
const clock = new FakeClock();
const DAY = 86_400_000;
const TAG = 'segtest';

/** The made customers, by their part in the story. */
const ids: Record<string, number> = {};
const PEOPLE = {
  ada: { phone: '13900000001', tier: 'vip', region: 'Zhejiang' }, // champion, consents
  bo: { phone: '13900000002', tier: 'gold', region: 'zhejiang' }, // champion, never said
  cy: { phone: '13900000003', tier: 'silver', region: 'Beijing' }, // need attention
  di: { phone: '13900000004', tier: 'standard', region: 'Beijing' }, // hibernating
  ed: { phone: '13900000005', tier: 'standard', region: 'Shanghai' }, // lost
  fay: { phone: '13900000006', tier: 'gold', region: 'Shanghai' }, // never bought, consents, first number on DNC
} as const;

const csvPost = (c: ApiClient, path: string, csv: string) => c.request('POST', path, undefined, csv, 'text/csv');
const isoDay = (daysAgo: number) => new Date(clock.now() - daysAgo * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(clock.now()), 0);
  app = await startTestApp(t.db, undefined, { clock });
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  [admin, supervisor, marketer, agent] = await Promise.all([login('admin1'), login('supervisor1'), login('marketer1'), login('agent1')]);
  for (const [key, p] of Object.entries(PEOPLE)) {
    const phones = key === 'fay' ? [{ number: '13900000066' }, { number: p.phone }] : [{ number: p.phone }];
    const r = await admin.post('/api/customers', { name: `Seg ${key}`, phones, tags: [TAG, key], valueTier: p.tier, region: p.region });
    expect(r.status).toBe(201);
    ids[key] = r.body.customer.id;
  }
  for (const key of ['ada', 'fay']) {
    expect((await admin.post(`/api/customers/${ids[key]}/consents`, { purpose: 'marketing_calls', decision: 'given', channel: 'import' })).status).toBe(201);
  }
  expect((await admin.post('/api/dnc', { number: '13900000066' })).status).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

/** n purchases, the latest `daysAgo`, adding up to `total`, by customer id or phone. */
function purchaseRows(key: keyof typeof PEOPLE, n: number, daysAgo: number, total: number, byPhone = false): string[] {
  return Array.from({ length: n }, (_, i) => `${byPhone ? '' : ids[key]},${byPhone ? PEOPLE[key].phone : ''},${isoDay(daysAgo + i * 3)},${(total / n).toFixed(2)},CNY,Widget,Home,${key}-${i}`);
}

describe('purchases, RFM and segments', () => {
  it('imports purchases: every row imported or rejected with its reason, the rejections downloadable, audited', async () => {
    const csv = [
      'Customer,Phone,Date,Amount,Currency,Product,Category,Order',
      ...purchaseRows('ada', 5, 1, 5000),
      ...purchaseRows('bo', 4, 10, 3000, true),
      ...purchaseRows('cy', 3, 40, 800),
      ...purchaseRows('di', 2, 200, 200),
      ...purchaseRows('ed', 1, 700, 20),
      '999999999,,2026-11-01,10,,,,', // 16: customer_unknown
      ',13711112222,2026-11-01,10,,,,', // 17: customer_unknown (nobody has the number; the number is not kept)
      `${ids.ada},,01/11/2026,10,,,,`, // 18: bad_date
      `${ids.ada},,2026-11-01,ten,,,,`, // 19: bad_amount
      ',,2026-11-01,10,,,,', // 20: customer_missing
      `${ids.ada},,2026-11-01,10,CNY,Widget,Home,ada-0`, // 21: duplicate_order in the file (row 1)
      `${ids.ada},,2026-11-01,10,RMB1,,,`, // 22: bad_currency
    ].join('\n');
    const r = await csvPost(marketer, '/api/purchases/import', csv);
    expect(r.status).toBe(200);
    expect(r.body.rowsRead).toBe(22);
    expect(r.body.imported).toBe(15);
    expect(r.body.rejected).toEqual([
      { row: 16, reason: 'customer_unknown', detail: '999999999' },
      { row: 17, reason: 'customer_unknown', detail: null },
      { row: 18, reason: 'bad_date', detail: '01/11/2026' },
      { row: 19, reason: 'bad_amount', detail: 'ten' },
      { row: 20, reason: 'customer_missing', detail: null },
      { row: 21, reason: 'duplicate_order', detail: 'row 1' },
      { row: 22, reason: 'bad_currency', detail: 'RMB1' },
    ]);
    // Bo's purchases were found by his number.
    expect(await t.db('purchases').where({ customer_id: ids.bo }).count('* as n').first()).toMatchObject({ n: 4 });
    const view = await marketer.get(`/api/purchases/imports/${r.body.importId}`);
    expect(view.body).toMatchObject({ status: 'done', rowsRead: 22, imported: 15, rejected: 7 });
    const download = await marketer.get(`/api/purchases/imports/${r.body.importId}/rejections?format=csv`);
    expect(String(download.body).split('\r\n')).toEqual(expect.arrayContaining(['row,reason,detail', '18,bad_date,01/11/2026']));
    expect(await t.db('audit_log').where({ action: 'purchases.import', entity_id: String(r.body.importId) }).first()).toMatchObject({ row_count: 15 });

    // The same orders again are refused as already imported; nothing doubles.
    const again = await csvPost(marketer, '/api/purchases/import', ['customer,date,amount,order', `${ids.ada},${isoDay(1)},1000,ada-0`].join('\n'));
    expect(again.body).toMatchObject({ imported: 0, rejected: [{ row: 1, reason: 'duplicate_order', detail: null }] });
    expect(await t.db('purchases').count('* as n').first()).toMatchObject({ n: 15 });
  });

  it('refuses a file without the needed columns, and those who do not build lists', async () => {
    const noDate = await csvPost(marketer, '/api/purchases/import', 'customer,amount\n1,10');
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.fields[0].field).toBe('date');
    expect((await csvPost(marketer, '/api/purchases/import?amount=Total', 'customer,date,total\n999999998,2026-11-01,10')).body).toMatchObject({ rowsRead: 1, rejected: [{ reason: 'customer_unknown' }] });
    for (const c of [agent, supervisor]) {
      expect((await csvPost(c, '/api/purchases/import', 'customer,date,amount\n1,2026-11-01,10')).status).toBe(403);
      expect((await c.post('/api/rfm/recompute')).status).toBe(403);
      expect((await c.post('/api/segments/count', { filter: {} })).status).toBe(403);
      expect((await c.post('/api/segments/sample', { filter: {} })).status).toBe(403);
    }
  });

  it('recomputes RFM on demand: each buyer gets the segment their quintiles give, shown on the customer page and in the pop', async () => {
    const r = await marketer.post('/api/rfm/recompute');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ trigger: 'manual', customers: 5, segments: { champions: 2, need_attention: 1, hibernating: 1, lost: 1, loyal: 0 } });
    const seg = async (key: string) => (await admin.get(`/api/customers/${ids[key]}`)).body.customer.rfm;
    expect(await seg('ada')).toMatchObject({ segment: 'champions', recency: 5, frequency: 5, monetary: 5 });
    expect(await seg('bo')).toMatchObject({ segment: 'champions', recency: 4, frequency: 4, monetary: 4 });
    expect((await seg('cy')).segment).toBe('need_attention');
    expect((await seg('di')).segment).toBe('hibernating');
    expect((await seg('ed')).segment).toBe('lost');
    expect(await seg('fay')).toBeNull();
    const pop = await app.services.customers.screenPop({ viewer: { id: 1, role: 'admin', teamId: null }, ip: null, requestId: null }, PEOPLE.cy.phone);
    expect(pop.primary?.customer.rfm).toMatchObject({ segment: 'need_attention', recency: 3 });
    expect((await marketer.get('/api/rfm')).body.lastRun).toMatchObject({ id: r.body.id, customers: 5 });
    expect(await t.db('audit_log').where({ action: 'rfm.recompute' }).first()).toBeTruthy();
  });

  it('recomputes the same way nightly, and drops the scores of a customer erased since', async () => {
    await t.db('customers').where({ id: ids.ed }).update({ erased_at: new Date(clock.now()) });
    const run = await app.services.rfm.nightly();
    expect(run).toMatchObject({ trigger: 'nightly', customers: 4 });
    expect(await t.db('customer_rfm').where({ customer_id: ids.ed }).first()).toBeUndefined();
    await t.db('customers').where({ id: ids.ed }).update({ erased_at: null });
    expect(await app.services.rfm.nightly()).toMatchObject({ customers: 5, segments: { lost: 1 } });
  });

  describe('the segment builder', () => {
    const count = (filter: object, purpose?: string) => marketer.post('/api/segments/count', { filter: { tags: [TAG], ...filter }, ...(purpose ? { purpose } : {}) });

    it('counts the customers matching each filter, and how many a marketing list would leave out and why', async () => {
      const all = await count({});
      expect(all.status).toBe(200);
      // Six match; only Ada and Fay consent to marketing calls (Fay on her second number).
      expect(all.body).toEqual({ matched: 6, dialable: 2, excluded: { no_phone: 0, dnc: 0, no_consent: 4 } });
      expect((await count({}, 'service')).body).toMatchObject({ matched: 6, dialable: 6 });
      expect((await count({ rfmSegments: ['champions'] })).body).toMatchObject({ matched: 2, dialable: 1, excluded: { no_consent: 1 } });
      expect((await count({ rfmSegments: ['none', 'lost'] })).body.matched).toBe(2);
      expect((await count({ valueTiers: ['gold'] })).body.matched).toBe(2);
      expect((await count({ regions: ['ZHEJIANG'] })).body.matched).toBe(2);
      expect((await count({ tags: ['cy', 'di'] })).body.matched).toBe(2);
      expect((await count({ minTotalSpent: 800 })).body.matched).toBe(3);
      // Ada bought on days 1, 4, 7, 10 and 13 ago; Bo on days 10, 13, 16 and 19 ago.
      expect((await count({ recentPurchases: { days: 30, count: 4 } })).body.matched).toBe(2);
      expect((await count({ recentPurchases: { days: 30, count: 5 } })).body.matched).toBe(1);
      expect((await count({ recentPurchases: { days: 12, count: 1 } })).body.matched).toBe(2);
      expect((await count({ recentPurchases: { days: 12, count: 2 } })).body.matched).toBe(1);
      expect((await count({ consent: { purpose: 'marketing_calls', decision: 'unknown' } })).body.matched).toBe(4);
      await t.db('customers').where({ id: ids.cy }).update({ last_contact_at: new Date(clock.now() - 5 * DAY) });
      await t.db('customers').where({ id: ids.di }).update({ last_contact_at: new Date(clock.now() - 90 * DAY) });
      expect((await count({ lastContactNewerThanDays: 30 })).body.matched).toBe(1);
      // Older than 30 days: Di, and the four never contacted.
      expect((await count({ lastContactOlderThanDays: 30 })).body.matched).toBe(5);
      const kase = await admin.post('/api/cases', { kind: 'ticket', customerId: ids.ed, subject: 'Late delivery' });
      expect(kase.status).toBe(201);
      expect((await count({ openCases: 'has' })).body.matched).toBe(1);
      expect((await count({ openCases: 'has_not' })).body.matched).toBe(5);
    });

    it('refuses filters it cannot read, never with a 500', async () => {
      for (const filter of [{ rfmSegments: ['vip'] }, { lastContactOlderThanDays: -1 }, { minTotalSpent: 'lots' }, { region: 'x' }, { tags: [] }, { recentPurchases: { days: 30 } }]) {
        expect((await marketer.post('/api/segments/count', { filter })).status).toBe(400);
      }
      expect((await marketer.post('/api/segments/count', { filter: {}, purpose: 'cold' })).status).toBe(400);
    });

    it('shows a sample of those a list would dial only, masked as the viewer sees numbers, and audits it', async () => {
      const r = await marketer.post('/api/segments/sample', { filter: { tags: [TAG] } });
      expect(r.status).toBe(200);
      expect(r.body.items.map((m: { customerId: number }) => m.customerId)).toEqual([ids.ada, ids.fay]);
      expect(r.body.items[0]).toMatchObject({ name: 'Seg ada', phone: '+86139****0001', rfmSegment: 'champions', valueTier: 'vip', totalSpent: 5000 });
      // Fay's first number is on the do-not-call list: her second is the one a list dials.
      expect(r.body.items[1]).toMatchObject({ phone: '+86139****0006', rfmSegment: null, totalSpent: 0 });
      const audit = await t.db('audit_log').where({ action: 'segment.sample' }).orderBy('id', 'desc').first();
      expect(audit).toMatchObject({ row_count: 2, user_id: expect.any(Number) });
    });

    it('saves a segment as a campaign’s dial list: leads with their numbers, consent and do-not-call respected, once each', async () => {
      const c = await marketer.post('/api/campaigns', { name: 'Champions winter', purpose: 'marketing', mode: 'preview' });
      const saved = await marketer.post(`/api/campaigns/${c.body.id}/leads/from-segment`, { filter: { tags: [TAG] } });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ matched: 6, imported: 2, alreadyInCampaign: 0, excluded: { no_consent: 4, dnc: 0, no_phone: 0 } });
      const leads = await t.db('campaign_leads').where({ campaign_id: c.body.id }).orderBy('customer_id').select('customer_id', 'phone_e164', 'status', 'import_id', 'time_zones');
      expect(leads).toEqual([
        { customer_id: ids.ada, phone_e164: '+8613900000001', status: 'new', import_id: saved.body.importId, time_zones: ['Asia/Shanghai'] },
        { customer_id: ids.fay, phone_e164: '+8613900000006', status: 'new', import_id: saved.body.importId, time_zones: ['Asia/Shanghai'] },
      ]);
      const again = await marketer.post(`/api/campaigns/${c.body.id}/leads/from-segment`, { filter: { tags: [TAG] } });
      expect(again.body).toMatchObject({ imported: 0, alreadyInCampaign: 2 });
      expect(await t.db('audit_log').where({ action: 'campaign.segment.save', entity_id: String(c.body.id) }).count('* as n').first()).toMatchObject({ n: 2 });
      // The dry run takes them as any imported lead (17:00 in Shanghai: inside the window).
      expect((await marketer.get(`/api/campaigns/${c.body.id}/dry-run`)).body.wouldDialCount).toBe(2);

      // A service campaign needs no marketing consent.
      const service = await marketer.post('/api/campaigns', { name: 'Follow-up calls', purpose: 'service', mode: 'preview' });
      expect((await marketer.post(`/api/campaigns/${service.body.id}/leads/from-segment`, { filter: { tags: [TAG] } })).body).toMatchObject({ imported: 6 });
    });

    it('saves only into a campaign the marketer runs', async () => {
      const others = await admin.post('/api/campaigns', { name: 'Admin list', purpose: 'service', mode: 'preview' });
      expect((await marketer.post(`/api/campaigns/${others.body.id}/leads/from-segment`, { filter: { tags: [TAG] } })).status).toBe(403);
      expect((await agent.post(`/api/campaigns/${others.body.id}/leads/from-segment`, { filter: { tags: [TAG] } })).status).toBe(403);
      expect((await marketer.post('/api/campaigns/999999/leads/from-segment', { filter: { tags: [TAG] } })).status).toBe(404);
      expect(await t.db('campaign_leads').where({ campaign_id: others.body.id }).count('* as n').first()).toMatchObject({ n: 0 });
    });
  });
});
