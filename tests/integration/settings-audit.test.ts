// Saving a setting leaves its own audit entry (which setting, from which version to which),
// written in the same transaction as the change: a save that fails leaves neither.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient;
let adminId: number;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  admin = await new ApiClient(app.baseUrl).login('admin1');
  adminId = (await t.db('users').where({ username: 'admin1' }).first('id')).id;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const settingsAudit = () => t.db('audit_log').where({ entity: 'settings' }).orderBy('id').select('user_id', 'action', 'entity_id', 'outcome', 'detail');

describe('auditing settings', () => {
  it('records each save of a setting as its own entry with the key and the old and new version', async () => {
    const stored = (await admin.get('/api/settings/follow_up_policy')).body;
    expect(stored.version).toBe(0);
    const first = await admin.put('/api/settings/follow_up_policy', { version: 0, value: { ...stored.value, maxAttempts: 4 } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    const second = await admin.put('/api/settings/follow_up_policy', { version: 1, value: { ...stored.value, maxAttempts: 5 } });
    expect(second.body.version).toBe(2);

    expect(await settingsAudit()).toEqual([
      { user_id: adminId, action: 'settings.update', entity_id: 'follow_up_policy', outcome: 'allowed', detail: { key: 'follow_up_policy', oldVersion: 0, newVersion: 1 } },
      { user_id: adminId, action: 'settings.update', entity_id: 'follow_up_policy', outcome: 'allowed', detail: { key: 'follow_up_policy', oldVersion: 1, newVersion: 2 } },
    ]);
    // No longer passed off as a change to case 0.
    expect(await t.db('audit_log').where({ entity: 'case', entity_id: '0' }).first()).toBeUndefined();
  });

  it('records nothing for a save refused as stale or invalid', async () => {
    const before = (await settingsAudit()).length;
    const current = (await admin.get('/api/settings/follow_up_policy')).body;
    expect((await admin.put('/api/settings/follow_up_policy', { version: current.version - 1, value: current.value })).status).toBe(409);
    expect((await admin.put('/api/settings/follow_up_policy', { version: current.version, value: { ...current.value, maxAttempts: 0 } })).status).toBe(400);
    expect(await settingsAudit()).toHaveLength(before);
  });

  it('does not keep a change whose audit entry could not be written', async () => {
    const before = (await admin.get('/api/settings/sla_policy')).body;
    // The audit log refuses settings entries for a moment, as a full disk or a broken constraint would.
    await t.db.raw("ALTER TABLE audit_log ADD CONSTRAINT test_no_settings CHECK (entity IS DISTINCT FROM 'settings') NOT VALID");
    try {
      const r = await admin.put('/api/settings/sla_policy', { version: before.version, value: { ...before.value, atRiskThreshold: 0.5 } });
      expect(r.status).toBe(500);
    } finally {
      await t.db.raw('ALTER TABLE audit_log DROP CONSTRAINT test_no_settings');
    }
    const after = (await admin.get('/api/settings/sla_policy')).body;
    expect(after.version).toBe(before.version);
    expect(after.value.atRiskThreshold).toBe(before.value.atRiskThreshold);
    expect(await t.db('settings').where({ key: 'sla_policy' }).first()).toBeUndefined();
  });
});

describe('refusals by role', () => {
  it('audits a save refused for the role before any service sees it, and changes nothing', async () => {
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    const supervisorId = (await t.db('users').where({ username: 'supervisor1' }).first('id')).id;
    const stored = (await supervisor.get('/api/settings/sla_policy')).body;
    const refused = await supervisor.put('/api/settings/sla_policy', { version: stored.version, value: stored.value });
    expect(refused.status).toBe(403);
    expect((await admin.get('/api/settings/sla_policy')).body.version).toBe(stored.version);
    const rows = await t.db('audit_log').where({ action: 'http.role_refused', user_id: supervisorId }).select('outcome', 'detail');
    expect(rows).toEqual([{ outcome: 'denied', detail: { method: 'PUT', route: '/api/settings/:key', role: 'supervisor' } }]);
  });
});
