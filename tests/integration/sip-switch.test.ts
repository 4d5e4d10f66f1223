import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSipSwitch, type SipSwitch, type SipSwitchLimits } from '../../server/src/switch/switch.js';
import { RawSipClient } from '../../server/src/switch/testing/raw-sip-client.js';
import { answer, digestRegister, headerOf, isResponse, newBranch, sipMessage, TEST_SDP, uriOf } from '../../server/src/switch/testing/raw-sip-text.js';
import { RecordingEvents } from '../../server/src/switch/testing/recording-events.js';
import type { SipAccount } from '../../server/src/switch/ports.js';
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
const rawClients: RawSipClient[] = [];

beforeAll(() => {
  // sip.js's web transport uses the global WebSocket; Node 20 has none.
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
});

function makeSwitch(limits: Partial<SipSwitchLimits> = {}): SipSwitch {
  return createSipSwitch({
    httpServer: server,
    path: '/sip',
    domain: DOMAIN,
    defaultRegion: 'CN',
    events,
    log: pino({ level: 'silent' }),
    limits,
  });
}

/** Replaces the switch on the test's HTTP server with one with other limits (shorter timers). */
function restartSwitch(limits: Partial<SipSwitchLimits>): void {
  sw.close();
  sw = makeSwitch(limits);
}

beforeEach(async () => {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  events = new RecordingEvents();
  sw = makeSwitch();
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sip`;
});

afterEach(async () => {
  for (const raw of rawClients.splice(0)) raw.terminate();
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

/** A phone played by hand over a raw WebSocket, registered as `account`. */
async function rawPhone(account: SipAccount, host: string): Promise<{ client: RawSipClient; contact: string }> {
  const client = new RawSipClient(url);
  rawClients.push(client);
  await client.open();
  const contact = `<sip:${account.username}@${host};transport=ws>`;
  await digestRegister(client, account, DOMAIN, contact);
  return { client, contact };
}

/** A raw caller's INVITE to `support`; resolves with the switch's call id once queued. */
async function rawCallQueue(client: RawSipClient, number: string, contact: string): Promise<{ callId: string; invite: string }> {
  const sipCallId = `raw-${newBranch()}`;
  const invite = sipMessage(`INVITE sip:support@${DOMAIN} SIP/2.0`, [
    ['Via', `SIP/2.0/WS caller.invalid;branch=${newBranch()}`],
    ['Max-Forwards', '70'],
    ['To', `<sip:support@${DOMAIN}>`],
    ['From', `<sip:${number}@${DOMAIN}>;tag=callertag`],
    ['Call-ID', sipCallId],
    ['CSeq', '1 INVITE'],
    ['Contact', contact],
  ], TEST_SDP);
  client.send(invite);
  const [arrived] = await events.waitFor('queueCallArrived', (args) => (args[0] as { sipCallId: string }).sipCallId === sipCallId);
  return { callId: (arrived as { callId: string }).callId, invite };
}

/** An in-dialog request from a raw phone, built from the dialog's 200 OK as the caller's UAC. */
function inDialog(method: string, ok: string, cseq: number): string {
  return sipMessage(`${method} ${uriOf(headerOf(ok, 'contact')!)} SIP/2.0`, [
    ['Via', `SIP/2.0/WS caller.invalid;branch=${newBranch()}`],
    ['Max-Forwards', '70'],
    ['To', headerOf(ok, 'to')!],
    ['From', headerOf(ok, 'from')!],
    ['Call-ID', headerOf(ok, 'call-id')!],
    ['CSeq', `${cseq} ${method}`],
  ]);
}

describe('SIP switch: a 2xx that is never ACKed (RFC 3261 §13.3.1.4)', () => {
  const ACK_TIMEOUT_MS = 300;

  it('ends the call when the caller never ACKs the 200: BYE to both legs, reported as the caller leaving', async () => {
    restartSwitch({ ackTimeoutMs: ACK_TIMEOUT_MS });
    const a = await agent('1001', 7);
    const account = sw.accounts.issue({ username: '+8613800138000', userId: null, displayName: 'Customer' });
    const caller = await rawPhone(account, 'caller.invalid');
    const { callId } = await rawCallQueue(caller.client, account.username, caller.contact);

    const incoming = nextEvent(a.phone, 'call:incoming');
    expect(sw.control.offer(callId, 7, { interactionId: 11 })).toBe(true);
    await incoming;
    const agentEnded = callReaches(a.phone, 'ended');
    await a.phone.answer();
    await caller.client.waitFor(isResponse(200, 'INVITE'));
    await events.waitFor('offerAnswered', (args) => args[0] === callId);

    // No ACK from the caller: after the timeout the call is over on both legs.
    await events.waitFor('callerLeft', (args) => args[0] === callId);
    expect((await agentEnded).end?.reason).toBe('remote-hangup');
    await caller.client.waitFor((m) => m.startsWith('BYE '));
    expect(sw.stats().calls).toBe(0);
  });

  it('keeps a call whose caller ACKs, well past the timeout', async () => {
    restartSwitch({ ackTimeoutMs: ACK_TIMEOUT_MS });
    const a = await agent('1001', 7);
    const account = sw.accounts.issue({ username: '+8613800138000', userId: null, displayName: 'Customer' });
    const caller = await rawPhone(account, 'caller.invalid');
    const { callId } = await rawCallQueue(caller.client, account.username, caller.contact);
    const incoming = nextEvent(a.phone, 'call:incoming');
    sw.control.offer(callId, 7, { interactionId: 12 });
    await incoming;
    await a.phone.answer();
    const ok = await caller.client.waitFor(isResponse(200, 'INVITE'));
    caller.client.send(inDialog('ACK', ok, 1));

    // A second call, answered later and never ACKed, ends by the timeout: the first call's
    // timer, started earlier, would have ended it by then had the ACK not stopped it.
    const b = await agent('1002', 8);
    const other = sw.accounts.issue({ username: '+8613800138001', userId: null, displayName: 'Customer' });
    const otherCaller = await rawPhone(other, 'other.invalid');
    const { callId: otherCallId } = await rawCallQueue(otherCaller.client, other.username, otherCaller.contact);
    const otherIncoming = nextEvent(b.phone, 'call:incoming');
    sw.control.offer(otherCallId, 8, { interactionId: 13 });
    await otherIncoming;
    await b.phone.answer();
    await otherCaller.client.waitFor(isResponse(200, 'INVITE'));
    await events.waitFor('callerLeft', (args) => args[0] === otherCallId);

    expect(events.named('callerLeft').filter((e) => e.args[0] === callId)).toEqual([]);
    expect(sw.stats().calls).toBe(1);
    expect(a.phone.call?.state).toBe('active');

    const agentEnded = callReaches(a.phone, 'ended');
    caller.client.send(inDialog('BYE', ok, 2));
    await caller.client.waitFor(isResponse(200, 'BYE'));
    await agentEnded;
    await events.waitFor('callerLeft', (args) => args[0] === callId);
  });

  it('ends the call when an agent phone never ACKs the 200 to its own re-INVITE, reported as the agent leaving', async () => {
    restartSwitch({ ackTimeoutMs: ACK_TIMEOUT_MS });
    const agentPhone = await rawPhone(sw.accounts.issue({ username: '1001', userId: 7, displayName: 'Agent' }), 'agent.invalid');
    const caller = await webPhone();
    const callId = await callQueue(caller);
    expect(sw.control.offer(callId, 7, { interactionId: 13 })).toBe(true);
    const invite = await agentPhone.client.waitFor((m) => m.startsWith('INVITE '));
    const callerActive = callReaches(caller.phone, 'active');
    agentPhone.client.send(answer(invite, 180, 'Ringing', { toTag: 'agenttag' }));
    agentPhone.client.send(answer(invite, 200, 'OK', { toTag: 'agenttag', headers: [['Contact', agentPhone.contact]], body: TEST_SDP }));
    await callerActive;
    await agentPhone.client.waitFor((m) => m.startsWith('ACK '));

    // The agent puts the call on hold with its own re-INVITE (it is the UAC now)...
    const branch = newBranch();
    agentPhone.client.send(sipMessage(`INVITE ${uriOf(headerOf(invite, 'contact')!)} SIP/2.0`, [
      ['Via', `SIP/2.0/WS agent.invalid;branch=${branch}`],
      ['Max-Forwards', '70'],
      ['From', `${headerOf(invite, 'to')};tag=agenttag`],
      ['To', headerOf(invite, 'from')!],
      ['Call-ID', headerOf(invite, 'call-id')!],
      ['CSeq', '1 INVITE'],
      ['Contact', agentPhone.contact],
    ], TEST_SDP.replace('a=sendrecv', 'a=sendonly')));
    await agentPhone.client.waitFor((m) => isResponse(200, 'INVITE')(m) && m.includes(branch));
    await events.waitFor('holdChanged', (args) => args[0] === callId && args[1] === true);

    // ...and never ACKs the 200.
    const callerEnded = callReaches(caller.phone, 'ended');
    await events.waitFor('agentLeft', (args) => args[0] === callId && args[1] === 7);
    expect((await callerEnded).end?.reason).toBe('remote-hangup');
    await agentPhone.client.waitFor((m) => m.startsWith('BYE '));
    expect(sw.stats().calls).toBe(0);
  });
});
