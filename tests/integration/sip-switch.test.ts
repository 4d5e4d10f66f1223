import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSipSwitch, type SipSwitch } from '../../server/src/sip/switch.js';
import { RecordingEvents } from '../../server/src/sip/testing/recording-events.js';
import type { SipAccount } from '../../server/src/telephony/ports.js';
import { Softphone } from '../../softphone/src/softphone.js';
import { FakeMediaEngine, FakeRingtone } from '../../softphone/src/testing/fake-media.js';
import { callReaches, nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';

const DOMAIN = 'kefu.test';

interface Phone {
  readonly phone: Softphone;
  readonly media: FakeMediaEngine;
}

let server: http.Server;
let sw: SipSwitch;
let events: RecordingEvents;
let url: string;
const phones: Phone[] = [];

beforeAll(() => {
  // sip.js's web transport uses the global WebSocket; Node 20 has none.
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
});

beforeEach(async () => {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  events = new RecordingEvents();
  sw = createSipSwitch({
    httpServer: server,
    path: '/sip',
    domain: DOMAIN,
    defaultRegion: 'CN',
    events,
    log: pino({ level: 'silent' }),
  });
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sip`;
});

afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.phone.stop().catch(() => {})));
  sw.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function makePhone(account: SipAccount, password = account.password): Phone {
  const media = new FakeMediaEngine();
  const phone = new Softphone(
    {
      uri: `sip:${account.username}@${DOMAIN}`,
      authorizationUsername: account.username,
      authorizationPassword: password,
      wsServer: url,
      displayName: account.displayName,
      iceGatheringTimeoutMs: 0,
      reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 },
      sipLogLevel: 'error',
    },
    { media, ringtone: new FakeRingtone() },
  );
  const created = { phone, media };
  phones.push(created);
  return created;
}

async function agent(username: string, userId: number): Promise<Phone> {
  const p = makePhone(sw.accounts.issue({ username, userId, displayName: `Agent ${username}` }));
  await p.phone.start();
  await registered(p.phone);
  return p;
}

async function webPhone(number = '+8613800138000'): Promise<Phone> {
  const p = makePhone(sw.accounts.issue({ username: number, userId: null, displayName: 'Customer' }));
  await p.phone.start();
  return p;
}

/** The caller dials `support` and the fake ACD sees it; returns the switch's call id. */
async function callQueue(caller: Phone, dialled = 'support'): Promise<string> {
  await caller.phone.dial(dialled);
  const [arrived] = await events.waitFor('queueCallArrived', (args) => (args[0] as { dialled: string }).dialled === dialled);
  return (arrived as { callId: string }).callId;
}

describe('SIP switch: registration', () => {
  it('registers an agent softphone with issued credentials and reports it reachable', async () => {
    await agent('1001', 7);
    await events.waitFor('agentReachabilityChanged', (a) => a[0] === 7 && a[1] === true);
    expect(sw.control.isReachable(7)).toBe(true);
    expect(sw.stats().registrations).toBe(1);
  });

  it('refuses a wrong password', async () => {
    const account = sw.accounts.issue({ username: '1002', userId: 8, displayName: 'Agent 1002' });
    const p = makePhone(account, 'not-the-password');
    await expect(p.phone.start()).rejects.toMatchObject({ code: 'REGISTRATION_REJECTED' });
    expect(sw.control.isReachable(8)).toBe(false);
  });

  it('unregisters when the softphone stops, and after revokeUser refuses the old password', async () => {
    const a = await agent('1001', 7);
    await a.phone.stop();
    await events.waitFor('agentReachabilityChanged', (args) => args[0] === 7 && args[1] === false);
    expect(sw.control.isReachable(7)).toBe(false);
    sw.accounts.revokeUser(7);
    await expect(a.phone.start()).rejects.toMatchObject({ code: 'REGISTRATION_REJECTED' });
  });
});

describe('SIP switch: queue calls through the B2BUA', () => {
  it('offers a queue call to an agent, bridges it, relays hold, DTMF and hang-up', async () => {
    const a = await agent('1001', 7);
    const caller = await webPhone();
    const callId = await callQueue(caller);
    const [arrived] = await events.waitFor('queueCallArrived');
    expect(arrived).toMatchObject({ callerNumber: '+8613800138000', dialled: 'support' });

    const incoming = nextEvent(a.phone, 'call:incoming');
    expect(sw.control.offer(callId, 7, { interactionId: 42 })).toBe(true);
    const { call } = await incoming;
    expect(call.remote.user).toBe('+8613800138000');
    expect(call.interactionId).toBe('42');
    expect(call.kefuCallId).toBe(callId);
    await events.waitFor('offerRinging', (args) => args[0] === callId && args[1] === 7);
    // The agent's phone got the caller's SDP offer as sent.
    expect(caller.phone.call?.state).not.toBe('active');

    const callerActive = callReaches(caller.phone, 'active');
    await a.phone.answer();
    await callerActive;
    expect(a.phone.call?.state).toBe('active');
    await events.waitFor('offerAnswered', (args) => args[0] === callId && args[1] === 7);

    await a.phone.hold();
    await events.waitFor('holdChanged', (args) => args[0] === callId && args[1] === true);
    expect(caller.media.last.remoteDirection).toBe('sendonly');
    await a.phone.resume();
    await events.waitFor('holdChanged', (args) => args[0] === callId && args[1] === false);

    const dtmf = nextEvent(a.phone, 'call:dtmf-received');
    await caller.phone.sendDtmf('5', { method: 'info' });
    await events.waitFor('callerDtmf', (args) => args[0] === callId && args[1] === '5');
    expect((await dtmf).digit).toBe('5');

    const callerEnded = callReaches(caller.phone, 'ended');
    await a.phone.hangup();
    await callerEnded;
    await events.waitFor('agentLeft', (args) => args[0] === callId && args[1] === 7);
    expect(sw.stats().calls).toBe(0);
  });

  it('withdraws an unanswered offer and offers the call to a second agent who answers', async () => {
    const a1 = await agent('1001', 7);
    const a2 = await agent('1002', 8);
    const caller = await webPhone();
    const callId = await callQueue(caller);

    const ring1 = nextEvent(a1.phone, 'call:incoming');
    expect(sw.control.offer(callId, 7, { interactionId: 1 })).toBe(true);
    await ring1;
    const a1Ended = callReaches(a1.phone, 'ended');
    sw.control.withdrawOffer(callId, 7);
    expect((await a1Ended).end?.reason).toBe('remote-cancel');

    const ring2 = nextEvent(a2.phone, 'call:incoming');
    expect(sw.control.offer(callId, 8, { interactionId: 1 })).toBe(true);
    await ring2;
    const callerActive = callReaches(caller.phone, 'active');
    await a2.phone.answer();
    await callerActive;
    await events.waitFor('offerAnswered', (args) => args[1] === 8);
    expect(events.named('offerFailed')).toEqual([]);
  });

  it('reports the caller leaving when they cancel while queued and ringing an agent', async () => {
    const a = await agent('1001', 7);
    const caller = await webPhone();
    const callId = await callQueue(caller);
    const ring = nextEvent(a.phone, 'call:incoming');
    sw.control.offer(callId, 7, { interactionId: 3 });
    await ring;
    const agentEnded = callReaches(a.phone, 'ended');
    await caller.phone.hangup();
    await events.waitFor('callerLeft', (args) => args[0] === callId);
    await agentEnded;
    expect(sw.stats().calls).toBe(0);
  });

  it('reports a rejected offer, and release() ends the waiting caller with the given status', async () => {
    const a = await agent('1001', 7);
    const caller = await webPhone();
    const callId = await callQueue(caller);
    const ring = nextEvent(a.phone, 'call:incoming');
    sw.control.offer(callId, 7, { interactionId: 4 });
    await ring;
    await a.phone.reject();
    await events.waitFor('offerFailed', (args) => args[0] === callId && args[1] === 7 && args[2] === 'rejected');
    expect(caller.phone.call?.state).not.toBe('ended');

    const ended = callReaches(caller.phone, 'ended');
    sw.control.release(callId, 486);
    expect((await ended).end?.statusCode).toBe(486);
  });

  it('refuses a queue the ACD does not know with its status, and offer() is false for an unregistered agent', async () => {
    events.admit = () => ({ outcome: 'refused', status: 404, reason: 'No Such Queue' });
    const caller = await webPhone();
    await caller.phone.dial('nosuchqueue');
    const ended = await callReaches(caller.phone, 'ended');
    expect(ended.end?.statusCode).toBe(404);
    expect(sw.control.offer('no-such-call', 99, { interactionId: 1 })).toBe(false);
    expect(sw.control.isReachable(99)).toBe(false);
  });
});

describe('SIP switch: direct calls', () => {
  it('lets an agent dial the web phone by its national number', async () => {
    const a = await agent('1001', 7);
    const web = await webPhone();
    const incoming = nextEvent(web.phone, 'call:incoming');
    await a.phone.dial('13800138000');
    const { call } = await incoming;
    expect(call.remote.user).toBe('1001');
    const [started] = await events.waitFor('directCallChanged', (args) => args[1] === 'started');
    expect(started).toMatchObject({ from: { userId: 7, number: '1001' }, to: { userId: null, number: '+8613800138000' } });

    const agentActive = callReaches(a.phone, 'active');
    await web.phone.answer();
    await agentActive;
    await events.waitFor('directCallChanged', (args) => args[1] === 'answered');

    const webEnded = callReaches(web.phone, 'ended');
    await a.phone.hangup();
    await webEnded;
    await events.waitFor('directCallChanged', (args) => args[1] === 'ended' && args[2] === 'caller');
  });

  it('reaches an agent by extension from the web phone, with the international forms too', async () => {
    const a = await agent('1001', 7);
    const web = await webPhone();
    const incoming = nextEvent(a.phone, 'call:incoming');
    await web.phone.dial('1001');
    expect((await incoming).call.remote.user).toBe('+8613800138000');
    const webEnded = callReaches(web.phone, 'ended');
    await a.phone.reject();
    expect((await webEnded).end?.statusCode).toBe(486);
    await events.waitFor('directCallChanged', (args) => args[1] === 'ended' && args[2] === 'failed');

    for (const form of ['+8613800138000', '008613800138000']) {
      const ring = nextEvent(web.phone, 'call:incoming');
      await a.phone.dial(form);
      await ring;
      const done = callReaches(a.phone, 'ended');
      await a.phone.hangup();
      await done;
    }
  });
});
