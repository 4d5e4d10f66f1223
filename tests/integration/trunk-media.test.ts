// A carrier's call with its media anchored in the real rtpengine: re-INVITEs (hold, resume, a
// carrier's own re-offer) pass through the relay, so each leg keeps the SDP it can use, and a
// held caller hears the hold tune as real RTP at the carrier's media port.
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LiveCallView, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import { freeUdpPort, startTestRtpengine } from '../support/rtpengine.js';
import { freePort } from '../support/kamailio.js';
import { audioOf, ChromeLikeMedia, TrunkPeer, type SipMessage } from '../support/trunk-peer.js';

let t: TestDb;
let app: TestApp;
let engine: Awaited<ReturnType<typeof startTestRtpengine>>;
let sipPort: number;
let trunkPort: number;
let carrier: TrunkPeer;
const calls = new CallHarness(() => app.baseUrl);

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  engine = await startTestRtpengine();
  sipPort = await freeUdpPort();
  trunkPort = await freeUdpPort();
  app = await startTestApp(t.db, undefined, {
    media: { kind: 'rtpengine', ng: engine.client, stop: async () => {} },
    sipPlain: {
      udp: { host: '127.0.0.1', port: sipPort },
      tcp: { host: '127.0.0.1', port: await freePort() },
      trunk: { address: { host: '127.0.0.1', port: trunkPort }, transport: 'udp' },
    },
  });
});
afterEach(() => carrier?.close());
afterAll(async () => {
  await calls.close();
  await app?.close();
  await engine?.stop();
  await t?.drop();
});

function next<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

const inRelay = (port: number) => port >= engine.settings.portMin && port <= engine.settings.portMax;

/** An agent signed in at their desk with a registered softphone whose media we can read. */
async function agentAtDesk(username: string): Promise<{ phone: Softphone; media: ChromeLikeMedia; socket: Socket }> {
  const agent = await new ApiClient(app.baseUrl).login(username);
  const socket = await calls.desk(agent);
  const media = new ChromeLikeMedia();
  const phone = calls.phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body, media);
  await phone.start();
  await registered(phone);
  return { phone, media, socket };
}

/** An agent ready with a softphone whose media we can read; a carrier call answered by them. */
async function answeredTrunkCall(username: string): Promise<{ phone: Softphone; media: ChromeLikeMedia; socket: Socket; relayPort: number; interactionId: number }> {
  const { phone, media, socket } = await agentAtDesk(username);
  expect(await socket.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });

  carrier = new TrunkPeer(trunkPort, sipPort);
  await carrier.open();
  const offered = next<LiveCallView>(socket, 'call:offered');
  const incoming = nextEvent(phone, 'call:incoming');
  carrier.invite('4008001234', '13800138000');
  // The caller hears the relay while the agent's phone rings: early media with the relay's SDP.
  const early = audioOf((await carrier.response(183)).body);
  expect(early.proto).toBe('RTP/AVP');
  expect(inRelay(early.port)).toBe(true);
  const offer = await offered;
  await incoming;
  // What the agent's phone was offered is the relay's WebRTC side, not the carrier's RTP.
  const talking = next<LiveCallView>(socket, 'call:updated');
  await phone.answer();
  expect((await talking).state).toBe('talking');
  const ok = await carrier.response(200);
  const answered = audioOf(ok.body);
  expect(answered.proto).toBe('RTP/AVP');
  expect(ok.body).not.toMatch(/a=ice-|a=fingerprint|a=candidate/);
  carrier.ack(1);
  return { phone, media, socket, relayPort: answered.port, interactionId: offer.interactionId };
}

async function hangUp(phone: Softphone, socket: Socket): Promise<void> {
  const ended = next<{ endReason: string }>(socket, 'call:ended');
  const at = carrier.sip.received.length;
  await phone.hangup();
  carrier.answer(await carrier.request_('BYE', at));
  expect((await ended).endReason).toBe('completed');
  await app.composed.callsSettled();
  expect((await engine.client.command('list', {})).calls).toEqual([]);
  await phone.stop();
}

describe('a carrier call anchored in rtpengine', () => {
  it('holds through the relay: the carrier gets a plain-RTP hold offer, the caller hears the hold tune, and resume stops it', async () => {
    const { phone, media, socket, relayPort } = await answeredTrunkCall('agent1');
    // The carrier's voice reaches the relay (the agent's side of it is the browser's).
    carrier.sendAudio(relayPort, 10);

    let at = carrier.sip.received.length;
    const held = next<LiveCallView>(socket, 'call:updated');
    const holding = phone.hold();
    const holdOffer: SipMessage = await carrier.request_('INVITE', at);
    const offered = audioOf(holdOffer.body);
    // Rewritten for the carrier: plain RTP/AVP, the browser's Opus left out (G.711 and events
    // only, so nothing is transcoded), on hold, nothing of WebRTC.
    expect(offered.proto).toBe('RTP/AVP');
    expect(offered.payloads).toEqual(['0', '8', '126']);
    expect(offered.direction).toBe('sendonly');
    expect(holdOffer.body).not.toMatch(/a=ice-|a=fingerprint|UDP\/TLS/);
    expect(inRelay(offered.port)).toBe(true);
    const musicBefore = carrier.rtpPackets;
    carrier.answer(holdOffer, 200, carrier.sdp('recvonly'));
    await holding;
    expect((await held).state).toBe('held');
    // The agent's phone got the relay's answer for a browser, saying the caller only receives.
    expect(media.last.remoteDirection).toBe('recvonly');
    // Music on hold: a stream of RTP from the relay to the carrier's media port (50 a second).
    await carrier.morePackets(25);
    expect(carrier.rtpPackets - musicBefore).toBeGreaterThanOrEqual(25);
    const stats = await engine.client.query(((await engine.client.command('list', {})).calls as string[])[0]!);
    const tags = stats.tags as Record<string, { medias: Array<{ streams: Array<{ stats: { packets: number } }> }> }>;
    const callerSide = tags[Object.keys(tags).find((tag) => tag !== 'kefu-agent-side')!]!;
    // The carrier's own audio was counted by the relay: media flows on the anchored leg.
    expect(callerSide.medias[0]!.streams[0]!.stats.packets).toBeGreaterThanOrEqual(10);

    at = carrier.sip.received.length;
    const resumed = next<LiveCallView>(socket, 'call:updated');
    const resuming = phone.resume();
    const resumeOffer = await carrier.request_('INVITE', at);
    expect(audioOf(resumeOffer.body).direction).toBe('sendrecv');
    carrier.answer(resumeOffer, 200, carrier.sdp('sendrecv'));
    await resuming;
    expect((await resumed).state).toBe('talking');
    // The tune stops: at most what was already in flight arrives in the next 400 ms.
    const afterResume = carrier.rtpPackets;
    await new Promise((r) => setTimeout(r, 400));
    expect(carrier.rtpPackets - afterResume).toBeLessThan(5);

    await hangUp(phone, socket);
  });

  it('passes the carrier’s own re-INVITE to the agent as a WebRTC offer and answers the carrier in plain RTP', async () => {
    // Another agent: agent1 is in after-call work.
    const { phone, media, socket } = await answeredTrunkCall('agent2');
    const at = carrier.sip.received.length;
    carrier.inDialog('INVITE', carrier.sdp('sendonly'));
    const ok = await carrier.response(200, 'INVITE', at);
    carrier.ack(carrier.lastCseq);
    const answered = audioOf(ok.body);
    expect(answered.proto).toBe('RTP/AVP');
    expect(answered.direction).toBe('recvonly');
    expect(ok.body).not.toMatch(/a=ice-|a=fingerprint/);
    // The agent's phone was asked by the relay's browser side, holding it (sendonly).
    expect(media.last.remoteDirection).toBe('sendonly');
    // A carrier holding the agent plays nothing toward the browser.
    await hangUp(phone, socket);
  });

  it('plays a queued caller the welcome and music from the relay while no agent is free, and stops when an agent answers', async () => {
    const { phone, socket } = await agentAtDesk('agent3');
    carrier = new TrunkPeer(trunkPort, sipPort);
    await carrier.open();
    carrier.invite('4008001234', '13800138000');
    const early = audioOf((await carrier.response(183)).body);
    expect(early.proto).toBe('RTP/AVP');
    // Nobody is ready: the caller waits, and hears the relay (real RTP at its media port).
    await carrier.morePackets(50);
    // The caller's own audio reaches the relay on the early-media port.
    carrier.sendAudio(early.port, 5);

    const offered = next<LiveCallView>(socket, 'call:offered');
    const incoming = nextEvent(phone, 'call:incoming');
    expect(await socket.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });
    await offered;
    await incoming;
    const talking = next<LiveCallView>(socket, 'call:updated');
    await phone.answer();
    expect((await talking).state).toBe('talking');
    const ok = await carrier.response(200);
    expect(audioOf(ok.body).proto).toBe('RTP/AVP');
    carrier.ack(1);
    // The queue's sounds stop at the answer; the agent's (fake) phone sends nothing itself.
    const atAnswer = carrier.rtpPackets;
    await new Promise((r) => setTimeout(r, 400));
    expect(carrier.rtpPackets - atAnswer).toBeLessThan(5);
    await hangUp(phone, socket);
  });

  it('plays the closed prompt to a caller outside the queue’s hours before the busy answer', async () => {
    const admin = await new ApiClient(app.baseUrl).login('admin1');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const created = await admin.post('/api/admin/queues', {
      name: 'closed-today',
      numbers: ['4009007000'],
      // Open on weekdays in general, but yesterday, today and tomorrow are holidays.
      openingHours: { timeZone: 'UTC', weeklyHours: Array.from({ length: 7 }, () => [{ start: '09:00', end: '17:00' }]), holidays: [day(-1), day(0), day(1)], extraWorkingDays: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    carrier = new TrunkPeer(trunkPort, sipPort);
    await carrier.open();
    carrier.invite('4009007000', '13800138000');
    expect(audioOf((await carrier.response(183)).body).proto).toBe('RTP/AVP');
    await carrier.morePackets(50);
    // Only after the prompt (a few seconds of speech) is the caller sent away.
    await carrier.response(486);
    // The English prompt is about 6 s: well over a hundred packets of it came first.
    expect(carrier.rtpPackets).toBeGreaterThan(100);
    carrier.ack(1);
    expect((await engine.client.command('list', {})).calls).toEqual([]);
  });
});
