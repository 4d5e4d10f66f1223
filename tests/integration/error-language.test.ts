// Error messages arrive in the viewer's language: the one saved on the account (as the
// console's language switch saves it), else the browser's Accept-Language, else English. Over
// HTTP (the error body) and over Socket.IO (command acks), through the real wiring.
import { WebSocket } from 'ws';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { Softphone } from '../../softphone/src/softphone.js';
import { FakeMediaEngine, FakeRingtone } from '../../softphone/src/testing/fake-media.js';
import { callReaches, nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

const CONFLICT_EN = 'Someone else saved this case after you opened it. Reload to see their changes, then make yours again.';
const CONFLICT_ZH = '在您打开此工单后，已有其他人保存了修改。请重新加载查看他们的修改，然后再做您的修改。';

let t: TestDb;
let app: TestApp;
let zhangwei: number;
const phones: Softphone[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  zhangwei = (await t.db('customers').where({ name: '张伟' }).first('id')).id;
});
afterAll(async () => {
  await Promise.all(phones.map((p) => p.stop().catch(() => {})));
  for (const s of sockets) s.close();
  await app?.close();
  await t?.drop();
});

/** Signs in with a browser that asks for `acceptLanguage`, and saves `saved` like the console's switch. */
async function user(username: string, opts: { acceptLanguage?: string; saved?: Locale } = {}): Promise<ApiClient> {
  const c = new ApiClient(app.baseUrl);
  if (opts.acceptLanguage) c.headers['accept-language'] = opts.acceptLanguage;
  await c.login(username);
  if (opts.saved) expect((await c.patch('/api/auth/me', { locale: opts.saved })).body.user.locale).toBe(opts.saved);
  return c;
}

const complaint = (over: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  customerId: zhangwei,
  subject: '宽带反复断线',
  category: 'service',
  severity: 'high',
  ...over,
});

/** Two saves from the same version: the second one's 409. */
async function versionConflict(c: ApiClient) {
  const created = (await c.post('/api/cases', complaint())).body.case;
  expect((await c.patch(`/api/cases/${created.id}`, { version: created.version, subject: '第一次修改' })).status).toBe(200);
  const second = await c.patch(`/api/cases/${created.id}`, { version: created.version, subject: '第二次修改' });
  expect(second.status).toBe(409);
  return second.body.error;
}

const fieldMessage = (body: { error: { fields?: { field: string; message: string }[] } }, field: string) =>
  body.error.fields?.find((f) => f.field === field)?.message;

describe('HTTP error messages', () => {
  it('are in Chinese for a user who saved 简体中文, whatever their browser asks for', async () => {
    const agent = await user('agent1', { acceptLanguage: 'en-US,en;q=0.9', saved: 'zh-CN' });
    expect(await versionConflict(agent)).toMatchObject({ code: 'CONFLICT', message: CONFLICT_ZH });

    // zod's own check, a message the schema gives, and one a domain rule gives.
    const blank = await agent.post('/api/cases', complaint({ subject: '' }));
    expect(blank.status).toBe(400);
    expect(fieldMessage(blank.body, 'subject')).toBe('不能为空。');
    const noSeverity = await agent.post('/api/cases', complaint({ severity: undefined }));
    expect(noSeverity.status).toBe(400);
    expect(fieldMessage(noSeverity.body, 'severity')).toBe('投诉须选择严重程度。');
    const c = (await agent.post('/api/cases', complaint())).body.case;
    const resolve = await agent.post(`/api/cases/${c.id}/transitions`, { version: c.version, action: 'resolve' });
    expect(resolve.status).toBe(400);
    expect(resolve.body.error.fields).toEqual([
      { field: 'resolution', message: '请说明投诉是如何解决的。' },
      { field: 'rootCause', message: '请选择根本原因。' },
    ]);
  });

  it('are in English for a user with an English browser and nothing saved', async () => {
    const agent = await user('agent2', { acceptLanguage: 'en-GB' });
    expect(await versionConflict(agent)).toMatchObject({ code: 'CONFLICT', message: CONFLICT_EN });
    const noSeverity = await agent.post('/api/cases', complaint({ severity: undefined }));
    expect(fieldMessage(noSeverity.body, 'severity')).toBe('A complaint needs a severity');
    const blank = await agent.post('/api/cases', complaint({ subject: '' }));
    expect(fieldMessage(blank.body, 'subject')).toBe('String must contain at least 1 character(s)');
  });

  it('are in English for a user who saved English, even with a Chinese browser', async () => {
    const supervisor = await user('supervisor1', { acceptLanguage: 'zh-CN,zh;q=0.9', saved: 'en' });
    expect(await versionConflict(supervisor)).toMatchObject({ message: CONFLICT_EN });
  });

  it('follow a Chinese browser when nothing is saved, also before signing in', async () => {
    const admin = await user('admin1', { acceptLanguage: 'zh-CN,zh;q=0.9,en;q=0.8' });
    const missing = await admin.get('/api/cases/987654321');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('未找到该工单。');

    const stranger = new ApiClient(app.baseUrl);
    stranger.headers['accept-language'] = 'zh-CN';
    const wrong = await stranger.post('/api/auth/login', { username: 'admin1', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('用户名或密码错误。');
    expect((await stranger.get('/api/cases')).body.error.message).toBe('请先登录。');
  });
});

describe('socket command refusals', () => {
  function phone(creds: SipCredentialsView): Softphone {
    const p = new Softphone(
      { ...creds, iceGatheringTimeoutMs: 0, reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 }, sipLogLevel: 'error' },
      { media: new FakeMediaEngine(), ringtone: new FakeRingtone() },
    );
    phones.push(p);
    return p;
  }

  async function desk(client: ApiClient, acceptLanguage?: string): Promise<Socket> {
    const headers: Record<string, string> = { cookie: client.cookie! };
    if (acceptLanguage) headers['accept-language'] = acceptLanguage;
    const socket = ioClient(app.baseUrl, { transports: ['websocket'], extraHeaders: headers, reconnection: false });
    sockets.push(socket);
    await new Promise((r) => socket.once('session:ready', r));
    return socket;
  }

  it('answer in the language the agent saves, from the moment it is saved', async () => {
    const agent = await user('agent3');
    const socket = await desk(agent);
    const agentPhone = phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
    await agentPhone.start();
    await registered(agentPhone);
    const customer = phone((await new ApiClient(app.baseUrl).post<SipCredentialsView>('/api/webphone/credentials', { number: '+1 212 555 0142' })).body);
    await customer.start();
    await registered(customer);

    // A call ends: the agent is in wrap-up, and may not leave it without a disposition.
    const wrapping = new Promise<void>((resolve) => {
      const onState = (s: { state: string }) => s.state === 'wrap_up' && (socket.off('agent:state-changed', onState), resolve());
      socket.on('agent:state-changed', onState);
    });
    const ringing = nextEvent(customer, 'call:incoming');
    await agentPhone.dial('+1 212 555 0142');
    await ringing;
    const agentActive = callReaches(agentPhone, 'active');
    await customer.answer();
    await agentActive;
    await agentPhone.hangup();
    await wrapping;

    expect(await socket.emitWithAck('agent:set-state', { state: 'ready' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Choose a disposition for the call to finish wrap-up' },
    });
    expect((await agent.patch('/api/auth/me', { locale: 'zh-CN' })).status).toBe(200);
    expect(await socket.emitWithAck('agent:set-state', { state: 'ready' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '请为本次通话选择通话小结，才能完成话后处理。' },
    });
    expect(await socket.emitWithAck('agent:set-state', { state: 'on_call' } as never)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: '请求内容有误：state。' },
    });
  });

  it('follow a Chinese browser when nothing is saved', async () => {
    const marketer = await user('marketer1');
    const socket = await desk(marketer, 'zh-CN,zh;q=0.9');
    expect(await socket.emitWithAck('session:ping', { extra: 1 } as never)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'session:ping 只接受空对象。' },
    });
  });
});
