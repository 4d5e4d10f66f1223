// Retention periods: what is past its time goes, the rest stays, and the run reports the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient, supervisor: ApiClient;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 10);
  app = await startTestApp(t.db);
  admin = await new ApiClient(app.baseUrl).login('admin1');
  supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe('retention', () => {
  it('keeps everything by default, and removes what is past the periods an admin sets, with a report', async () => {
    const [old, mid, fresh] = (await t.db('interactions')
      .insert([
        { kind: 'call', direction: 'inbound', started_at: daysAgo(400), ended_at: daysAgo(400), notes: 'ancient note' },
        { kind: 'call', direction: 'inbound', started_at: daysAgo(40), ended_at: daysAgo(40), notes: 'month-old note' },
        { kind: 'call', direction: 'inbound', started_at: daysAgo(1), ended_at: daysAgo(1), notes: 'fresh note' },
      ])
      .returning('id')).map((r: { id: string }) => Number(r.id));
    await t.db('audit_log').insert({ action: 'customer.view', outcome: 'allowed', at: daysAgo(800) });
    const auditBefore = await t.db('audit_log').count<{ count: string }[]>('* as count');

    const untouched = await admin.post('/api/privacy/retention/run');
    expect(untouched.body.report).toEqual({ at: expect.any(String), callNotes: 0, interactions: 0 });

    expect((await supervisor.put('/api/privacy/retention', { value: { callNotesDays: 30, interactionsDays: 365, auditDays: null }, version: 0 })).status).toBe(403);
    // The audit log is append-only: a period for it is refused, not silently ignored.
    const audit = await admin.put('/api/privacy/retention', { value: { callNotesDays: 30, interactionsDays: 365, auditDays: 730 }, version: 0 });
    expect(audit.status).toBe(400);
    expect(audit.body.error.fields).toEqual([{ field: 'value.auditDays', message: 'Audit entries are kept for the period set by KEFU_AUDIT_RETENTION_DAYS (3 years by default), not here' }]);
    const saved = await admin.put('/api/privacy/retention', { value: { callNotesDays: 30, interactionsDays: 365, auditDays: null }, version: 0 });
    expect(saved.status).toBe(200);
    expect((await admin.put('/api/privacy/retention', { value: { callNotesDays: 0, interactionsDays: null, auditDays: null }, version: 1 })).status).toBe(400);

    const run = await admin.post('/api/privacy/retention/run');
    expect(run.status).toBe(200);
    expect(run.body.report.interactions).toBeGreaterThanOrEqual(1);
    expect(run.body.report.callNotes).toBeGreaterThanOrEqual(1);
    expect(await t.db('interactions').where({ id: old }).first()).toBeUndefined();
    expect((await t.db('interactions').where({ id: mid }).first('notes')).notes).toBe('[redacted]');
    expect((await t.db('interactions').where({ id: fresh }).first('notes')).notes).toBe('fresh note');
    // Nothing left the audit log (it only grew by the runs' own entries).
    expect(Number((await t.db('audit_log').where('at', '<', daysAgo(730)).count<{ count: string }[]>('* as count'))[0]!.count)).toBe(1);

    const setting = await admin.get('/api/privacy/retention');
    expect(setting.body).toMatchObject({ value: { callNotesDays: 30, interactionsDays: 365, auditDays: null }, version: 1, lastRun: { callNotes: run.body.report.callNotes, interactions: run.body.report.interactions } });
    expect(Number((await t.db('audit_log').count<{ count: string }[]>('* as count'))[0]!.count)).toBeGreaterThan(Number(auditBefore[0]!.count));
    const again = await admin.post('/api/privacy/retention/run');
    expect(again.body.report).toEqual({ at: expect.any(String), callNotes: 0, interactions: 0 });
  });
});
