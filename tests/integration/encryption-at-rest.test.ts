// Encryption at rest: the customers' email and address, the call notes and the case texts
// (description, resolution, compensation, timeline notes, follow-up notes) are sealed in the
// database (a copy of it shows no clear value), every read through kefu shows them in clear
// (customer 360, screen-pop, search by email, the case page, the export), and `npm run
// rotate-key` moves them all to a new key, after which the old key can leave the key file.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { Keyring, keyIdOf } from '../../server/src/platform/crypto/keyring.js';
import type { RequestContext } from '../../server/src/identity/request-context.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const oldKey = crypto.randomBytes(32);
const newKey = crypto.randomBytes(32);
const hashKey = crypto.randomBytes(32);

let t: TestDb;
let app: TestApp;
let admin: ApiClient;
let customerId: number;
let callId: number;
let caseId: number;

const EMAIL = 'Marigold.Vance@example-sealed.test';
const ADDRESS = '12 Thistlewood Row, 静安区';
const NOTE = 'Wants the persimmon-coloured router replaced';
const CASE_TEXTS = {
  description: 'Router dies after the kumquat firmware',
  changedDescription: 'Router dies after the kumquat firmware, twice a night',
  compensation: 'One month free, voucher Quillonby',
  note: 'Spoke with her neighbour Ignatius',
  attempt: 'Left a message with Ptolemy',
  followUp: 'Call back after the Wimbledonia final',
  resolution: 'Replaced the unit under warranty Zephyrine',
};
const CASE_WORDS = ['kumquat', 'Quillonby', 'Ignatius', 'Ptolemy', 'Wimbledonia', 'Zephyrine'];

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db, undefined, { keyring: new Keyring([oldKey]), hashKey });
  admin = await new ApiClient(app.baseUrl).login('admin1');
  const created = await admin.post('/api/customers', { name: 'Marigold Vance', email: EMAIL, address: ADDRESS, phones: [{ number: '139 8765 4321' }] });
  expect(created.status).toBe(201);
  customerId = created.body.customer.id;
  const agent = (await t.db('users').where({ username: 'agent1' }).first('id')).id;
  [{ id: callId }] = await t.db('interactions')
    .insert({ customer_id: customerId, kind: 'call', direction: 'inbound', caller_number: '+8613987654321', agent_id: agent, started_at: new Date(), agent_handled: true })
    .returning('id');
  expect(await app.services.interactions.saveNotes(callId, agent, NOTE)).toBe(true);

  const c = await admin.post('/api/cases', { kind: 'complaint', customerId, subject: 'Router trouble at Brindlewood', description: CASE_TEXTS.description, category: 'product', severity: 'high', priority: 'P2' });
  expect(c.status).toBe(201);
  caseId = c.body.case.id;
  const patched = await admin.patch(`/api/cases/${caseId}`, { version: c.body.case.version, description: CASE_TEXTS.changedDescription, compensation: CASE_TEXTS.compensation });
  expect(patched.status).toBe(200);
  expect((await admin.post(`/api/cases/${caseId}/notes`, { text: CASE_TEXTS.note })).status).toBe(201);
  expect((await admin.post(`/api/cases/${caseId}/contact-attempts`, { note: CASE_TEXTS.attempt })).status).toBeLessThan(300);
  expect((await admin.post('/api/follow-ups', { caseId, dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: CASE_TEXTS.followUp })).status).toBe(201);
  const current = (await admin.get(`/api/cases/${caseId}`)).body.case;
  const resolved = await admin.post(`/api/cases/${caseId}/transitions`, { version: current.version, action: 'resolve', resolution: CASE_TEXTS.resolution, rootCause: 'product_defect' });
  expect(resolved.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** The sensitive columns as the database holds them. */
async function rawValues(): Promise<string[]> {
  const customers = (await t.db('customers').select('email', 'address')) as { email: string | null; address: string | null }[];
  const notes = (await t.db('interactions').whereNotNull('notes').pluck('notes')) as string[];
  const cases = (await t.db('tickets').select('description', 'resolution', 'compensation')) as Record<string, string | null>[];
  const followUps = (await t.db('follow_up_tasks').whereNotNull('note').pluck('note')) as string[];
  return [...customers.flatMap((c) => [c.email, c.address]), ...notes, ...cases.flatMap((c) => Object.values(c)), ...followUps].filter((v): v is string => v !== null);
}

/** The keys the case events' free texts are under, and how many events there are. */
async function eventKeys(): Promise<{ keys: Set<string>; count: number }> {
  const keys = (await t.db('case_events').pluck('texts_key')) as (string | null)[];
  return { keys: new Set(keys.map((k) => k ?? 'clear')), count: keys.length };
}

async function rowsMentioning(words: string[]): Promise<number> {
  const pattern = words.map((w) => `%${w}%`);
  const [{ n }] = (
    await t.db.raw(
      `SELECT (SELECT count(*) FROM tickets x WHERE x::text ILIKE ANY (?)) + (SELECT count(*) FROM case_events x WHERE x::text ILIKE ANY (?))
            + (SELECT count(*) FROM follow_up_tasks x WHERE x::text ILIKE ANY (?)) AS n`,
      [pattern, pattern, pattern] as never,
    )
  ).rows;
  return Number(n);
}

const keyIdsIn = (values: string[]) => new Set(values.map((v) => /^enc:v1:([0-9a-f]{16}):/.exec(v)?.[1] ?? 'clear'));

describe('encryption at rest', () => {
  it('keeps no email, address or call note in clear in the database, the seeded ones included', async () => {
    const values = await rawValues();
    expect(values.length).toBeGreaterThan(10);
    expect(keyIdsIn(values)).toEqual(new Set([keyIdOf(oldKey)]));
    const row = await t.db('customers').where({ id: customerId }).first('email', 'address', 'email_hash');
    expect(row.email).not.toContain('Marigold');
    expect(row.address).not.toContain('Thistlewood');
    expect(row.email_hash).toMatch(/^[0-9a-f]{64}$/);
    const [{ n }] = (await t.db.raw(`SELECT count(*)::int AS n FROM customers c WHERE c::text ILIKE '%example%' OR c::text ILIKE '%persimmon%'`)).rows;
    expect(n).toBe(0);
  });

  it('keeps no case description, resolution, compensation, timeline note or follow-up note in clear, the seeded cases included', async () => {
    expect(await rowsMentioning(CASE_WORDS)).toBe(0);
    const { keys, count } = await eventKeys();
    expect(count).toBeGreaterThan(5);
    expect(keys).toEqual(new Set([keyIdOf(oldKey)]));
    const row = await t.db('tickets').where({ id: caseId }).first('subject', 'description', 'resolution', 'compensation');
    expect(row.subject).toBe('Router trouble at Brindlewood');
    for (const v of [row.description, row.resolution, row.compensation]) expect(v).toMatch(/^enc:v1:/);
    // The facts of the timeline stay readable to the database (reports, redaction).
    const resolve = await t.db('case_events').where({ ticket_id: caseId, type: 'status' }).orderBy('id', 'desc').first('detail');
    expect(resolve.detail).toMatchObject({ action: 'resolve', from: 'new', to: 'resolved' });
  });

  it('shows the case texts in clear on the case page, its follow-ups and the export; search finds the subject, not the description', async () => {
    const view = (await admin.get(`/api/cases/${caseId}`)).body;
    expect(view.case).toMatchObject({ description: CASE_TEXTS.changedDescription, resolution: CASE_TEXTS.resolution, compensation: CASE_TEXTS.compensation });
    const details = view.timeline.filter((e: { kind: string }) => e.kind === 'event').map((e: { detail: unknown }) => e.detail);
    expect(details).toEqual(
      expect.arrayContaining([
        { changes: { description: { from: CASE_TEXTS.description, to: CASE_TEXTS.changedDescription }, compensation: { from: null, to: CASE_TEXTS.compensation } } },
        { text: CASE_TEXTS.note },
        { note: CASE_TEXTS.attempt },
        expect.objectContaining({ reason: 'manual', note: CASE_TEXTS.followUp }),
      ]),
    );
    expect((await admin.get(`/api/cases/${caseId}/follow-ups`)).body.items.map((f: { note: string | null }) => f.note)).toContain(CASE_TEXTS.followUp);

    const exported = (await admin.get(`/api/customers/${customerId}/export`)).body;
    expect(exported.cases.find((c: { id: number }) => c.id === caseId)).toMatchObject({ description: CASE_TEXTS.changedDescription, resolution: CASE_TEXTS.resolution });
    expect(exported.caseNotes.map((n: { text: string }) => n.text)).toEqual(expect.arrayContaining([CASE_TEXTS.note, CASE_TEXTS.attempt, CASE_TEXTS.followUp]));

    expect((await admin.get('/api/cases?q=brindlewood')).body.items.map((c: { id: number }) => c.id)).toEqual([caseId]);
    expect((await admin.get('/api/cases?q=kumquat')).body.items).toEqual([]);
  });

  it('shows them in clear in the customer 360, the screen-pop, the search by email and the export', async () => {
    const view = await admin.get(`/api/customers/${customerId}`);
    expect(view.body.customer).toMatchObject({ email: EMAIL, address: ADDRESS });
    expect(view.body.interactions.items.find((i: { id: number }) => i.id === callId).notes).toBe(NOTE);

    const ctx: RequestContext = { viewer: { id: (await t.db('users').where({ username: 'admin1' }).first('id')).id, role: 'admin', teamId: null }, ip: null, requestId: null };
    const pop = await app.services.customers.screenPop(ctx, '139 8765 4321', 50);
    expect(pop.primary?.customer).toMatchObject({ id: customerId, email: EMAIL, address: ADDRESS });
    expect(pop.primary?.interactions[0]?.notes).toBe(NOTE);

    const found = await admin.get(`/api/customers?q=${encodeURIComponent(EMAIL.toLowerCase())}`);
    expect(found.body.items.map((c: { id: number; email: string }) => [c.id, c.email])).toEqual([[customerId, EMAIL]]);

    const exported = await admin.get(`/api/customers/${customerId}/export`);
    expect(exported.body.profile).toMatchObject({ email: EMAIL, address: ADDRESS });
    expect(exported.body.interactions.map((i: { notes: string | null }) => i.notes)).toEqual([NOTE]);
  });

  it('seals a changed email and address again, and finds the customer by the new email only', async () => {
    const changed = await admin.patch(`/api/customers/${customerId}`, { email: 'm.vance@example-sealed.test', address: null });
    expect(changed.status).toBe(200);
    const row = await t.db('customers').where({ id: customerId }).first('email', 'address');
    expect(row.email).toMatch(/^enc:v1:/);
    expect(row.address).toBeNull();
    expect((await admin.get(`/api/customers?q=${encodeURIComponent('m.vance@example-sealed.test')}`)).body.items.map((c: { id: number }) => c.id)).toEqual([customerId]);
    expect((await admin.get(`/api/customers?q=${encodeURIComponent(EMAIL)}`)).body.items).toEqual([]);
  });

  it('rotates every value to a new key with `npm run rotate-key`, resumably, and reads them after the old key is gone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-rotate-'));
    const keyFile = path.join(dir, 'keys');
    fs.writeFileSync(keyFile, `# new key first\n${newKey.toString('base64')}\n${oldKey.toString('base64')}\n`, { mode: 0o600 });
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: t.url, KEFU_DATA_KEY_FILE: keyFile, KEFU_HASH_KEY: hashKey.toString('base64'), KEFU_DATA_DIR: dir, LOG_LEVEL: 'warn' };
    delete env.KEFU_DATA_KEY;
    const total = (await rawValues()).length + (await eventKeys()).count;
    const first = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/rotate-key.ts'], { cwd: root, env });
    expect(first.stdout).toContain(`${total} values sealed under data key ${keyIdOf(newKey)}`);
    expect(first.stdout).toMatch(/customers\.email: [1-9]\d* sealed/);
    expect(first.stdout).toMatch(/case_events\.detail: [1-9]\d* sealed/);
    expect(keyIdsIn(await rawValues())).toEqual(new Set([keyIdOf(newKey)]));
    expect((await eventKeys()).keys).toEqual(new Set([keyIdOf(newKey)]));
    // Run again (as after a stop half-way): nothing is left to do.
    const again = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/rotate-key.ts'], { cwd: root, env });
    expect(again.stdout).toContain('0 values sealed');

    await app.close();
    app = await startTestApp(t.db, undefined, { keyring: new Keyring([newKey]), hashKey });
    admin = await new ApiClient(app.baseUrl).login('admin1');
    const view = await admin.get(`/api/customers/${customerId}`);
    expect(view.body.customer.email).toBe('m.vance@example-sealed.test');
    expect(view.body.interactions.items.find((i: { id: number }) => i.id === callId).notes).toBe(NOTE);
    expect((await admin.get(`/api/customers?q=${encodeURIComponent('M.Vance@example-sealed.test')}`)).body.items).toHaveLength(1);
    const page = (await admin.get(`/api/cases/${caseId}`)).body;
    expect(page.case.resolution).toBe(CASE_TEXTS.resolution);
    expect(page.timeline.map((e: { detail?: unknown }) => e.detail)).toContainEqual({ text: CASE_TEXTS.note });
  }, 120_000);

  it('refuses to start the server without a data key outside the demo, naming what to set', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: t.url, KEFU_DEMO: 'false', PORT: '0' };
    delete env.KEFU_DATA_KEY;
    delete env.KEFU_DATA_KEY_FILE;
    const err = await run(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env, timeout: 60_000 }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/kefu could not start: No data key: set KEFU_DATA_KEY .* or KEFU_DATA_KEY_FILE/);
  }, 90_000);
});
