// Administration of users and teams through /api/admin: what an admin sets up in the console
// instead of the seed. Every change is audited with its before and after; deactivation ends the
// user's consoles and phone at once; a one-time password must be replaced at first sign-in.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminTeam, AdminUser, AdminUserCreated, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { registered } from '../../softphone/src/testing/phone-harness.js';
import { CallHarness } from '../support/call-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient;
let adminId: number;
const calls = new CallHarness(() => app.baseUrl);
let supportTeamId: number;

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  admin = await new ApiClient(app.baseUrl).login('admin1');
  adminId = (await t.db('users').where({ username: 'admin1' }).first('id')).id;
  supportTeamId = (await t.db('teams').where({ name: 'Support' }).first('id')).id;
});
afterAll(async () => {
  await calls.close();
  await app?.close();
  await t?.drop();
});

const audits = (action: string, entityId: number) => t.db('audit_log').where({ action, entity_id: String(entityId) }).select('user_id', 'detail', 'outcome');

async function createAgent(username: string, extra: Record<string, unknown> = {}): Promise<AdminUserCreated> {
  const r = await admin.post<AdminUserCreated>('/api/admin/users', { username, displayName: `Agent ${username}`, role: 'agent', teamId: supportTeamId, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Signs in with the one-time password and sets `password`, as the console makes a new user do. */
async function firstSignIn(username: string, oneTime: string, password: string): Promise<ApiClient> {
  const client = await new ApiClient(app.baseUrl).login(username, oneTime);
  const r = await client.post('/api/auth/password', { current: oneTime, next: password });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return client;
}

describe('users', () => {
  it('creates an agent with the next free extension and a one-time password, audited', async () => {
    const taken = new Set((await t.db('users').whereNotNull('extension').select('extension')).map((r: { extension: string }) => r.extension));
    const { user, oneTimePassword } = await createAgent('wang.fang');
    expect(user).toMatchObject({ username: 'wang.fang', role: 'agent', teamName: 'Support', active: true, mustChangePassword: true, version: 1 });
    expect(taken.has(user.extension!)).toBe(false);
    expect(Number(user.extension)).toBeGreaterThanOrEqual(1001);
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{12}$/);
    const [entry] = await audits('admin.user.created', user.id);
    expect(entry).toMatchObject({ user_id: adminId, outcome: 'allowed' });
    expect(entry.detail.after).toMatchObject({ username: 'wang.fang', role: 'agent', teamId: supportTeamId, extension: user.extension });
    expect(JSON.stringify(entry.detail)).not.toContain(oneTimePassword);
  });

  it('makes a user with a one-time password set their own before anything else', async () => {
    const { oneTimePassword } = await createAgent('zhao.lei');
    const client = await new ApiClient(app.baseUrl).login('zhao.lei', oneTimePassword!);
    expect((await client.get('/api/auth/me')).body.user.mustChangePassword).toBe(true);
    const blocked = await client.get('/api/customers?q=chan');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.message).toBe('Set your own password before going on');

    const wrong = await client.post('/api/auth/password', { current: 'not-it-at-all', next: 'a-long-new-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual([{ field: 'current', message: 'The current password is wrong' }]);
    expect((await client.post('/api/auth/password', { current: oneTimePassword, next: 'short' })).status).toBe(400);

    const done = await client.post('/api/auth/password', { current: oneTimePassword, next: 'a-long-new-password' });
    expect(done.status).toBe(200);
    expect(done.body.user.mustChangePassword).toBe(false);
    expect((await client.get('/api/customers?q=chan')).status).toBe(200);
    // The one-time password is spent.
    expect((await new ApiClient(app.baseUrl).post('/api/auth/login', { username: 'zhao.lei', password: oneTimePassword })).status).toBe(401);
    await new ApiClient(app.baseUrl).login('zhao.lei', 'a-long-new-password');
  });

  it('names each bad field, and a taken username or extension, with a 400', async () => {
    const bad = await admin.post('/api/admin/users', { username: 'x', displayName: '', role: 'boss', extension: '12a' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['displayName', 'extension', 'role', 'username']);

    const taken = await admin.post('/api/admin/users', { username: 'agent1', displayName: 'Again', role: 'agent' });
    expect(taken.status).toBe(400);
    expect(taken.body.error.fields).toEqual([{ field: 'username', message: 'This username is taken' }]);

    const ext = await admin.post('/api/admin/users', { username: 'ext.clash', displayName: 'Clash', role: 'agent', extension: '1001' });
    expect(ext.body.error.fields).toEqual([{ field: 'extension', message: 'This extension belongs to someone else' }]);

    const team = await admin.post('/api/admin/users', { username: 'no.team', displayName: 'No team', role: 'agent', teamId: 999_999 });
    expect(team.body.error.fields).toEqual([{ field: 'teamId', message: 'No such team' }]);
    expect((await admin.get('/api/admin/users/99999999999')).status).toBe(400);
    expect((await admin.get('/api/admin/users/2147483647')).status).toBe(404);
  });

  it('gives no extension to roles that take no calls, unless the admin types one', async () => {
    const r = await admin.post<AdminUserCreated>('/api/admin/users', { username: 'mkt.two', displayName: 'Marketer Two', role: 'marketer', password: 'marketer-two-pass' });
    expect(r.status).toBe(201);
    expect(r.body.user.extension).toBeNull();
    expect(r.body.oneTimePassword).toBeUndefined();
    expect(r.body.user.mustChangePassword).toBe(false);
  });

  it('refuses everyone but admins, and audits the refusal', async () => {
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    expect((await supervisor.get('/api/admin/users')).status).toBe(403);
    expect((await supervisor.post('/api/admin/teams', { name: 'Mine' })).status).toBe(403);
    const refused = await t.db('audit_log').where({ action: 'http.role_refused' }).select('detail');
    expect(refused.map((r: { detail: { route: string } }) => r.detail.route)).toEqual(expect.arrayContaining(['/api/admin/users', '/api/admin/teams']));
  });

  it('edits at the loaded version, answers 409 to a stale one, and audits before and after', async () => {
    const { user } = await createAgent('sun.li');
    const first = await admin.patch<AdminUser>(`/api/admin/users/${user.id}`, { version: user.version, displayName: '孙丽', extension: '7777' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ displayName: '孙丽', extension: '7777', version: user.version + 1 });
    const stale = await admin.patch(`/api/admin/users/${user.id}`, { version: user.version, displayName: 'Lost edit' });
    expect(stale.status).toBe(409);
    const [entry] = await audits('admin.user.updated', user.id);
    expect(entry.detail).toEqual({ before: { displayName: 'Agent sun.li', extension: user.extension }, after: { displayName: '孙丽', extension: '7777' } });
  });

  it('lists users a page at a time, filtered', async () => {
    const page1 = await admin.get('/api/admin/users?limit=3');
    expect(page1.body.items).toHaveLength(3);
    const page2 = await admin.get(`/api/admin/users?limit=3&after=${page1.body.nextAfter}`);
    expect(page2.body.items[0].id).toBeGreaterThan(page1.body.nextAfter);
    const agents = await admin.get('/api/admin/users?role=agent&limit=200');
    expect(agents.body.items.every((u: AdminUser) => u.role === 'agent')).toBe(true);
    expect((await admin.get('/api/admin/users?q=sun.li')).body.items.map((u: AdminUser) => u.username)).toEqual(['sun.li']);
  });

  it("deactivating ends the user's console and phone at once, and sign-in stops; reactivating lets them back", async () => {
    const { user, oneTimePassword } = await createAgent('he.ming');
    const client = await firstSignIn('he.ming', oneTimePassword!, 'he-ming-password');
    const socket = await calls.desk(client);
    const phone = calls.phone((await client.get<SipCredentialsView>('/api/softphone/credentials')).body);
    await phone.start();
    await registered(phone);
    const registrationsBefore = app.composed.sipSwitch.stats().registrations;

    const ended = new Promise<{ reason: string }>((resolve) => socket.once('session:ended', resolve));
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    const off = await admin.patch<AdminUser>(`/api/admin/users/${user.id}`, { version: user.version, active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect(await ended).toEqual({ reason: 'revoked' });
    await closed;
    expect(app.composed.sipSwitch.stats().registrations).toBe(registrationsBefore - 1);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await new ApiClient(app.baseUrl).post('/api/auth/login', { username: 'he.ming', password: 'he-ming-password' })).status).toBe(401);
    expect(await audits('admin.user.deactivated', user.id)).toHaveLength(1);

    const on = await admin.patch<AdminUser>(`/api/admin/users/${user.id}`, { version: off.body.version, active: true });
    expect(on.body.active).toBe(true);
    await new ApiClient(app.baseUrl).login('he.ming', 'he-ming-password');
    expect(await audits('admin.user.reactivated', user.id)).toHaveLength(1);
  });

  it('lets a new agent go Ready at once, without a restart', async () => {
    const { oneTimePassword } = await createAgent('qian.yu');
    const client = await firstSignIn('qian.yu', oneTimePassword!, 'qian-yu-password');
    const socket = await calls.desk(client);
    const ack = await socket.emitWithAck('agent:set-state', { state: 'ready' });
    expect(ack).toMatchObject({ ok: true, data: { state: 'ready' } });
  });

  it('resets a password: a new one-time password, the old one and its sessions end', async () => {
    const { user, oneTimePassword } = await createAgent('lin.tao');
    const client = await firstSignIn('lin.tao', oneTimePassword!, 'lin-tao-password');
    const current = (await admin.get<AdminUser>(`/api/admin/users/${user.id}`)).body;
    const r = await admin.post(`/api/admin/users/${user.id}/password-reset`, { version: current.version });
    expect(r.status).toBe(200);
    expect(r.body.user.mustChangePassword).toBe(true);
    expect((await client.get('/api/auth/me')).status).toBe(401);
    expect((await new ApiClient(app.baseUrl).post('/api/auth/login', { username: 'lin.tao', password: 'lin-tao-password' })).status).toBe(401);
    await firstSignIn('lin.tao', r.body.oneTimePassword, 'lin-tao-second');
    expect(await audits('admin.user.password-reset', user.id)).toHaveLength(1);
  });

  it('never lets an admin lock themselves or the site out', async () => {
    const me = (await admin.get<AdminUser>(`/api/admin/users/${adminId}`)).body;
    const self = await admin.patch(`/api/admin/users/${adminId}`, { version: me.version, active: false });
    expect(self.status).toBe(409);
    expect((await admin.patch(`/api/admin/users/${adminId}`, { version: me.version, role: 'agent' })).status).toBe(409);
    expect((await admin.get<AdminUser>(`/api/admin/users/${adminId}`)).body).toMatchObject({ active: true, role: 'admin' });
  });
});

describe('teams', () => {
  it('creates a team led by a supervisor, refuses a duplicate name and an agent as its lead', async () => {
    const supervisorId = (await t.db('users').where({ username: 'supervisor1' }).first('id')).id;
    const agentId = (await t.db('users').where({ username: 'agent1' }).first('id')).id;
    const r = await admin.post<AdminTeam>('/api/admin/teams', { name: 'Night shift', supervisorId });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'Night shift', supervisorId, members: 0, version: 1 });
    expect((await admin.post('/api/admin/teams', { name: 'Night shift' })).body.error.fields).toEqual([{ field: 'name', message: 'A team with this name exists' }]);
    expect((await admin.post('/api/admin/teams', { name: 'Led by an agent', supervisorId: agentId })).body.error.fields).toEqual([
      { field: 'supervisorId', message: 'A team is led by an active supervisor or admin' },
    ]);

    const renamed = await admin.patch<AdminTeam>(`/api/admin/teams/${r.body.id}`, { version: 1, name: 'Nights' });
    expect(renamed.body).toMatchObject({ name: 'Nights', version: 2 });
    expect((await admin.patch(`/api/admin/teams/${r.body.id}`, { version: 1, name: 'Stale' })).status).toBe(409);
    const [entry] = await audits('admin.team.updated', r.body.id);
    expect(entry.detail).toEqual({ before: { name: 'Night shift' }, after: { name: 'Nights' } });

    await createAgent('night.owl', { teamId: r.body.id });
    const list = (await admin.get<{ items: AdminTeam[] }>('/api/admin/teams')).body.items;
    expect(list.find((x) => x.id === r.body.id)).toMatchObject({ name: 'Nights', members: 1 });
  });
});
