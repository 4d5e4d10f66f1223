import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import { FakeClock } from '../support/fake-clock.js';

let t: TestDb;
let app: TestApp;
// The lock's expiry is read from this clock, so the test moves time instead of waiting it out.
const clock = new FakeClock();
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 10);
  // No delay between failed attempts, so it runs fast.
  app = await startTestApp(t.db, { lockAfter: 3, lockMs: 15 * 60_000, delayStepMs: 0, maxDelayMs: 0 }, { clock });
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

function connect(cookie: string | null, transport: 'websocket' | 'polling' = 'websocket'): Promise<{ socket: Socket; error?: string; ready?: unknown }> {
  return new Promise((resolve) => {
    const socket = ioClient(app.baseUrl, {
      transports: [transport],
      extraHeaders: cookie ? { cookie } : {},
      reconnection: false,
    });
    socket.on('session:ready', (ready: unknown) => resolve({ socket, ready }));
    socket.on('connect_error', (err) => resolve({ socket, error: err.message }));
  });
}

describe('sign-in', () => {
  it('signs in with the right password, sets an HttpOnly session cookie, and knows who you are', async () => {
    const c = new ApiClient(app.baseUrl);
    const r = await c.post('/api/auth/login', { username: 'agent1', password: 'kefu-demo' });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'agent1', role: 'agent', teamName: 'Support', extension: '1001' });
    expect(r.body.user.password_hash).toBeUndefined();
    const setCookie = r.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/kefu_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await c.get('/api/auth/me');
    expect(me.body.user.username).toBe('agent1');
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const a = await new ApiClient(app.baseUrl).post('/api/auth/login', { username: 'agent2', password: 'nope' });
    const b = await new ApiClient(app.baseUrl).post('/api/auth/login', { username: 'nobody', password: 'nope' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error.message).toBe(b.body.error.message);
  });

  it('locks an account after repeated failures, even for the right password, then lets it in again', async () => {
    const c = new ApiClient(app.baseUrl);
    for (let i = 0; i < 3; i++) expect((await c.post('/api/auth/login', { username: 'agent3', password: 'guess' + i })).status).toBe(401);
    const locked = await c.post('/api/auth/login', { username: 'agent3', password: 'kefu-demo' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBe(15 * 60);
    // A second before the lock ends it still holds; once it has ended the right password works.
    clock.advance(15 * 60_000 - 1000);
    expect((await c.post('/api/auth/login', { username: 'agent3', password: 'kefu-demo' })).status).toBe(429);
    clock.advance(1000);
    expect((await c.post('/api/auth/login', { username: 'agent3', password: 'kefu-demo' })).status).toBe(200);
    const denied = await t.db('audit_log').where({ action: 'auth.login', outcome: 'denied' }).count<{ count: number }[]>('* as count');
    expect(Number(denied[0]!.count)).toBeGreaterThanOrEqual(4);
  });

  it('never stores a password in clear, only argon2id hashes', async () => {
    const rows = await t.db('users').select('password_hash');
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('signs out: the cookie stops working', async () => {
    const c = await new ApiClient(app.baseUrl).login('supervisor1');
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const stale = new ApiClient(app.baseUrl);
    stale.cookie = cookie;
    expect((await stale.get('/api/auth/me')).status).toBe(401);
    expect((await stale.get('/api/customers?q=张')).status).toBe(401);
  });

  it('remembers the chosen console language', async () => {
    const c = await new ApiClient(app.baseUrl).login('agent2');
    expect((await c.patch('/api/auth/me', { locale: 'zh-CN' })).status).toBe(200);
    expect((await c.get('/api/auth/me')).body.user.locale).toBe('zh-CN');
    expect((await c.patch('/api/auth/me', { locale: 'fr' })).status).toBe(400);
  });

  it('refuses a cross-site write', async () => {
    const r = await fetch(app.baseUrl + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'agent1', password: 'kefu-demo' }),
    });
    expect(r.status).toBe(403);
  });
});

describe('Socket.IO sessions', () => {
  it('refuses a connection without a session', async () => {
    const { socket, error } = await connect(null);
    expect(error).toBe('UNAUTHENTICATED');
    socket.close();
    const forged = await connect('kefu_session=forged-token');
    expect(forged.error).toBe('UNAUTHENTICATED');
    forged.socket.close();
  });

  it('works over HTTP long-polling too, and a stray polling request does not bring the server down', async () => {
    const c = await new ApiClient(app.baseUrl).login('agent2');
    const { socket, ready } = await connect(c.cookie, 'polling');
    expect(ready).toMatchObject({ user: { username: 'agent2' } });
    expect((await socket.emitWithAck('session:ping', {})).ok).toBe(true);
    socket.close();
    // Raw engine.io polling: only Socket.IO may answer it. Were Express to answer too, the
    // later write from Socket.IO to the same response would throw and end the process.
    const open = await (await fetch(app.baseUrl + '/socket.io/?EIO=4&transport=polling')).text();
    const sid = /"sid":"([^"]+)"/.exec(open)?.[1];
    expect(sid).toBeDefined();
    const poll = await fetch(`${app.baseUrl}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { signal: AbortSignal.timeout(500) })
      .then((r) => r.text())
      .catch(() => 'still waiting'); // a long-poll with nothing to say waits: that is Socket.IO answering
    expect(poll).not.toContain('Cannot GET');
    expect((await fetch(app.baseUrl + '/api/health')).status).toBe(200);
  });

  it('accepts the signed-in session, answers commands with acks, and ends on sign-out', async () => {
    const c = await new ApiClient(app.baseUrl).login('agent1');
    const { socket, ready, error } = await connect(c.cookie);
    expect(error).toBeUndefined();
    expect(ready).toMatchObject({ user: { username: 'agent1' } });
    const ack = await socket.emitWithAck('session:ping', {});
    expect(ack.ok).toBe(true);
    const bad = await socket.emitWithAck('session:ping', { hack: 1 } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const ended = new Promise((r) => socket.on('session:ended', r));
    const gone = new Promise((r) => socket.on('disconnect', r));
    await c.post('/api/auth/logout');
    expect(await ended).toEqual({ reason: 'signed_out' });
    await gone;
    socket.close();
  });
});
