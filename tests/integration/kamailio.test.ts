// The softphone against Kamailio, the SIP edge production uses: kefu softphones register there
// (not at the built-in switch), call each other through it, and the receiving agent's console
// gets the screen-pop from the caller id on the INVITE, since no offer comes from kefu's ACD.
import { WebSocket } from 'ws';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { Softphone } from '../../softphone/src/softphone.js';
import { FakeMediaEngine, FakeRingtone } from '../../softphone/src/testing/fake-media.js';
import { callReaches, nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import { KAMAILIO_DOMAIN, startKamailio, type RunningKamailio } from '../support/kamailio.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let kamailio: RunningKamailio;
let t: TestDb;
let app: TestApp;
const phones: Softphone[] = [];
let socket: Socket | null = null;

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  kamailio = await startKamailio();
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
});
afterAll(async () => {
  await Promise.all(phones.map((p) => p.stop().catch(() => {})));
  socket?.close();
  await app?.close();
  await t?.drop();
  await kamailio?.stop();
});

function phoneAt(user: string): Softphone {
  const p = new Softphone(
    {
      uri: `sip:${user}@${KAMAILIO_DOMAIN}`,
      authorizationUsername: user,
      authorizationPassword: 'unused-by-this-edge',
      wsServer: kamailio.wsUrl,
      displayName: user,
      iceGatheringTimeoutMs: 0,
      reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 },
      sipLogLevel: 'error',
    },
    { media: new FakeMediaEngine(), ringtone: new FakeRingtone() },
  );
  phones.push(p);
  return p;
}

describe('softphones registered to Kamailio', () => {
  it('call each other through it, and the answering agent gets the caller history by caller id', async () => {
    const agentPhone = phoneAt('1001');
    const caller = phoneAt('+8613800138000');
    await Promise.all([agentPhone.start(), caller.start()]);
    await Promise.all([registered(agentPhone), registered(caller)]);

    const agent = await new ApiClient(app.baseUrl).login('agent1');
    socket = ioClient(app.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: agent.cookie! }, reconnection: false });
    await new Promise((r) => socket!.once('session:ready', r));

    const incoming = nextEvent(agentPhone, 'call:incoming');
    await caller.dial(`sip:1001@${KAMAILIO_DOMAIN}`);
    const { call } = await incoming;
    expect(call.remote.user).toBe('+8613800138000');
    // What the console does when the INVITE did not come with a kefu offer.
    const pop = (await socket.emitWithAck('screenpop:lookup', { callerNumber: call.remote.user })) as { ok: true; data: ScreenPop };
    expect(pop.ok).toBe(true);
    expect(pop.data.primary?.customer.name).toBe('张伟');
    expect(pop.data.primary?.openCases?.some((c) => c.kind === 'complaint')).toBe(true);

    await agentPhone.answer();
    await Promise.all([callReaches(agentPhone, 'active'), callReaches(caller, 'active')]);
    await caller.hangup();
    await callReaches(agentPhone, 'ended');
    expect(kamailio.output()).not.toMatch(/CRITICAL|out of memory/i);
  });
});
