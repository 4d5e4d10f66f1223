// Erasure leaves nothing of the person behind: after it, no column of any table, cast to text,
// holds the name, numbers, email, address, note or case texts that were there (search keys, the
// audit log and the case search index included), nor the sealed forms of the email, address and
// case texts or the email's blind index; what reports count stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient, supervisor: ApiClient, marketer: ApiClient;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 30);
  app = await startTestApp(t.db);
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  [admin, supervisor, marketer] = await Promise.all([login('admin1'), login('supervisor1'), login('marketer1')]);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

/** Every value of the person, as written and as the search keys hold it (lower case, words). */
const PERSONAL = [
  'Ottoline', 'Fairweather', '欧阳娜娜', 'ottoline.f@example-privacy.test', 'example-privacy', 'Zephyrine', 'Quillon', 'Borsetshire', 'plumfeather',
  '13777665544', '137 7766 5544', '1061239876', '6123 9876',
  'marmalade', 'kumquat', 'Pelican', 'quorble', 'Bartholomew', 'gazpacho', 'zanzibar', 'blancmange',
];

/** Every row of every table as text, searched for each value: [table, value] pairs found. */
async function grepDatabase(values: string[]): Promise<string[]> {
  const tables = (await t.db('information_schema.tables').where({ table_schema: 'public', table_type: 'BASE TABLE' }).pluck('table_name')) as string[];
  const found: string[] = [];
  for (const table of tables) {
    for (const v of values) {
      const [{ n }] = await t.db.raw(`SELECT count(*)::int AS n FROM "${table}" AS r WHERE r::text ILIKE ?`, [`%${v}%`]).then((x) => x.rows);
      if (n > 0) found.push(`${table}: ${v}`);
    }
  }
  return found;
}

describe('erasure', () => {
  it('anonymises the customer everywhere the person was, and keeps the counts, times and dispositions', async () => {
    const created = await admin.post('/api/customers', {
      name: 'Ottoline Fairweather 欧阳娜娜',
      email: 'ottoline.f@example-privacy.test',
      company: 'Zephyrine Trading',
      address: '77 Quillon Lane, 徐汇区',
      region: 'Borsetshire',
      tags: ['plumfeather'],
      phones: [{ number: '137 7766 5544', label: 'mobile' }, { number: '010 6123 9876' }],
    });
    expect(created.status).toBe(201);
    const id: number = created.body.customer.id;
    const agent = (await t.db('users').where({ username: 'agent1' }).first('id')).id;
    const campaign = (await t.db('campaigns').first('id')).id;
    await t.db('campaign_leads').insert({ campaign_id: campaign, customer_id: id, phone_e164: '+8613777665544' });
    // Two calls of hers with notes, and one from her number before she was known.
    const started = new Date(Date.now() - 3600_000);
    await t.db('interactions').insert([
      { customer_id: id, kind: 'call', direction: 'inbound', caller_number: '+8613777665544', agent_id: agent, started_at: started, ended_at: new Date(), talk_seconds: 95, disposition: 'resolved_first_time', notes: 'Caller mentioned the marmalade incident', agent_handled: true },
      { customer_id: id, kind: 'call', direction: 'outbound', caller_number: '+861061239876', agent_id: agent, started_at: started, talk_seconds: 30, disposition: 'callback_requested', notes: 'Prefers blancmange deliveries', agent_handled: true },
      { customer_id: null, kind: 'call', direction: 'inbound', caller_number: '+8613777665544', started_at: started, talk_seconds: 0 },
    ]);

    const ticket = await admin.post('/api/cases', { kind: 'ticket', customerId: id, subject: 'Broken kumquat dispenser', description: 'Lives next to the lighthouse at Pelican Point' });
    expect(ticket.status).toBe(201);
    const caseId: number = ticket.body.case.id;
    expect((await admin.patch(`/api/cases/${caseId}`, { version: ticket.body.case.version, subject: 'Kumquat dispenser still jammed quorble' })).status).toBe(200);
    expect((await admin.post(`/api/cases/${caseId}/notes`, { text: 'Spoke with her nephew Bartholomew' })).status).toBe(201);
    expect((await admin.post(`/api/cases/${caseId}/contact-attempts`, { note: 'Left voicemail about the gazpacho' })).status).toBe(201);
    expect((await admin.post('/api/follow-ups', { caseId, dueAt: new Date(Date.now() + 86400_000).toISOString(), note: 'Ask about the zanzibar trip' })).status).toBe(201);
    await admin.post(`/api/customers/${id}/consents`, { purpose: 'marketing_sms', decision: 'withdrawn', channel: 'call' });
    // Searches and an export, as a real request would see before the erasure.
    expect((await supervisor.get(`/api/customers?q=${encodeURIComponent('Fairweather')}`)).status).toBe(200);
    expect((await admin.get(`/api/customers?q=${encodeURIComponent('Fairweather')}`)).body.items).toHaveLength(1);
    expect((await admin.get(`/api/customers?phone=${encodeURIComponent('137 7766 5544')}`)).body.items).toHaveLength(1);
    expect((await admin.get(`/api/cases?q=kumquat`)).body.items).toHaveLength(1);
    expect((await admin.get(`/api/customers/${id}/export`)).status).toBe(200);
    // The test would prove nothing if the values were not there to begin with.
    expect(await grepDatabase(PERSONAL)).toEqual(expect.arrayContaining(['customers: Ottoline', 'customer_phones: 13777665544', 'interactions: marmalade', 'tickets: kumquat']));

    // The email and address are sealed at rest; their sealed forms and the email's blind index
    // are personal data too (decryptable, or matchable), and must go with the erasure.
    const sealed = await t.db('customers').where({ id }).first('email', 'address', 'email_hash');
    expect([sealed.email, sealed.address]).toEqual([expect.stringMatching(/^enc:v1:/), expect.stringMatching(/^enc:v1:/)]);
    expect(sealed.email_hash).toMatch(/^[0-9a-f]{64}$/);
    // So are the case texts: the description, the follow-up's note and the timeline's notes.
    const sealedCase = [
      (await t.db('tickets').where({ id: caseId }).first('description')).description,
      (await t.db('follow_up_tasks').where({ ticket_id: caseId }).first('note')).note,
      ...((await t.db('case_events').where({ ticket_id: caseId }).pluck('detail')) as Record<string, unknown>[]).flatMap((d) => [d.text, d.note]).filter((v) => typeof v === 'string'),
    ] as string[];
    expect(sealedCase).toHaveLength(5);
    for (const v of sealedCase) expect(v).toMatch(/^enc:v1:/);

    const erased = await admin.post(`/api/customers/${id}/erasure`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ customerId: id, counts: { phones: 2, interactions: 3, notes: 2, cases: 1, followUps: 1 } });

    expect(await grepDatabase(PERSONAL)).toEqual([]);
    expect(await grepDatabase([sealed.email, sealed.address, sealed.email_hash, ...sealedCase])).toEqual([]);

    // What reports count stays: the calls, their times, durations and dispositions, the case.
    const calls = await t.db('interactions').where({ customer_id: id }).orderBy('talk_seconds', 'desc').select('talk_seconds', 'disposition', 'notes', 'caller_number');
    expect(calls.map((c) => [c.talk_seconds, c.disposition, c.notes])).toEqual([[95, 'resolved_first_time', '[redacted]'], [30, 'callback_requested', '[redacted]']]);
    expect(calls[0].caller_number).toMatch(/^x[a-z]{19}$/);
    // The same number gives the same token: the unidentified call still counts as the same caller.
    expect(await t.db('interactions').whereNull('customer_id').where({ caller_number: calls[0].caller_number }).count()).toEqual([{ count: 1 }]);
    expect((await t.db('tickets').where({ id: caseId }).first('number', 'status')).status).toBe('new');

    const page = await admin.get(`/api/customers/${id}`);
    expect(page.body.customer).toMatchObject({ name: 'Erased customer', email: null, address: null, erasedAt: expect.any(String) });
    expect((await admin.get(`/api/customers?phone=${encodeURIComponent('137 7766 5544')}`)).body.items).toEqual([]);
    expect((await admin.get(`/api/cases?q=kumquat`)).body.items).toEqual([]);
    expect((await admin.get(`/api/cases/${caseId}`)).status).toBe(200);

    const entry = await t.db('audit_log').where({ action: 'customer.erase', entity_id: String(id) }).first();
    expect(entry).toMatchObject({ outcome: 'allowed' });
    expect(entry.detail).toEqual({ counts: erased.body.counts });
    // The consent history stays (proof of what the customer decided), with nothing personal in it.
    expect((await admin.get(`/api/customers/${id}/consents`)).body.history).toHaveLength(1);
    expect((await marketer.post(`/api/customers/${id}/erasure`)).status).toBe(403);
  });
});
