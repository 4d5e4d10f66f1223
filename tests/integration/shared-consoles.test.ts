// Two servers on one database, sharing their consoles through Redis (KEFU_REDIS_URL): what one
// server does to a user's sessions reaches the consoles that user has open on the other, as it
// must behind a load balancer that sends each connection to any server.
import http from 'node:http';
import { Server } from 'socket.io';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminUser, AdminUserCreated } from '../../contract/index.js';
import { logger } from '../../server/src/platform/logger.js';
import { shareSocketsThroughRedis } from '../../server/src/platform/realtime/redis-adapter.js';
import type { KefuIo } from '../../server/src/platform/realtime/socket-server.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { CallHarness } from '../support/call-harness.js';
import { startRedis, type TestRedis } from '../support/redis-server.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let redis: TestRedis;
let a: TestApp;
let b: TestApp;
const onB = new CallHarness(() => b.baseUrl);

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  redis = await startRedis();
  a = await startTestApp(t.db, undefined, { serverId: 'kefu-a', redisUrl: redis.url });
  b = await startTestApp(t.db, undefined, { serverId: 'kefu-b', redisUrl: redis.url });
});
afterAll(async () => {
  await onB.close();
  await a?.close();
  await b?.close();
  await redis?.stop();
  await t?.drop();
});

async function newAgent(admin: ApiClient, username: string): Promise<{ user: AdminUser; client: (baseUrl: string) => Promise<ApiClient> }> {
  const teamId = (await t.db('teams').where({ name: 'Support' }).first('id')).id as number;
  const created = await admin.post<AdminUserCreated>('/api/admin/users', { username, displayName: `Agent ${username}`, role: 'agent', teamId, password: `${username}-password` });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { user: created.body.user, client: (baseUrl) => new ApiClient(baseUrl).login(username, `${username}-password`) };
}

describe('consoles shared between servers through Redis', () => {
  it('an admin deactivating a user on one server ends that user\'s console on the other at once', async () => {
    const admin = await new ApiClient(a.baseUrl).login('admin1');
    const { user, client } = await newAgent(admin, 'shared.one');
    const console = await onB.desk(await client(b.baseUrl));
    const ended = new Promise<{ reason: string }>((resolve) => console.once('session:ended', resolve));
    const closed = new Promise((resolve) => console.once('disconnect', resolve));

    const off = await admin.patch<AdminUser>(`/api/admin/users/${user.id}`, { version: user.version, active: false });
    expect(off.status).toBe(200);
    expect(await ended).toEqual({ reason: 'revoked' });
    await closed;
  });

  it('signing out through one server closes the same session\'s console held by the other, and no one else\'s', async () => {
    const admin = await new ApiClient(a.baseUrl).login('admin1');
    const { client } = await newAgent(admin, 'shared.two');
    const signedIn = await client(a.baseUrl);
    // The same browser session: its cookie, its console connected to server B.
    const sameSession = new ApiClient(b.baseUrl);
    sameSession.cookie = signedIn.cookie;
    const console = await onB.desk(sameSession);
    const other = await onB.desk(await client(b.baseUrl));
    const ended = new Promise<{ reason: string }>((resolve) => console.once('session:ended', resolve));
    let otherEnded = false;
    other.once('session:ended', () => (otherEnded = true));

    expect((await signedIn.post('/api/auth/logout', {})).status).toBeLessThan(300);
    expect(await ended).toEqual({ reason: 'signed_out' });
    // The other session answers a ping after the sign-out went round: it was not ended.
    const pong = await other.emitWithAck('session:ping', {});
    expect(pong.ok).toBe(true);
    expect(otherEnded).toBe(false);
  });
});

describe('a Redis that cannot be reached', () => {
  it('stops the start with a sentence naming the setting, and without the password', async () => {
    const gone = await startRedis();
    await gone.stop();
    const io = new Server(http.createServer()) as unknown as KefuIo;
    const url = gone.url.replace('redis://', 'redis://kefu:s3cret@');
    const log = logger.child({ test: true });
    log.level = 'silent';
    const failure = await shareSocketsThroughRedis(io, url, log).then(
      () => null,
      (err: Error) => err.message,
    );
    io.close();
    expect(failure).toMatch(/^Cannot reach Redis at redis:\/\/kefu:\*\*\*@127\.0\.0\.1:\d+\/? \(KEFU_REDIS_URL\)/);
    expect(failure).not.toContain('s3cret');
  });
});
