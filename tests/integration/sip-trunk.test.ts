// A carrier's call over plain SIP: SIPp on a UDP trunk dials the hotline, the call queues and
// reaches the ready agent's softphone with the caller's screen-pop, and is logged. Calls from
// anyone but the trunk must authenticate; retransmissions over UDP are answered, not doubled.
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveCallView, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import { freeUdpPort, startTestRtpengine } from '../support/rtpengine.js';
import { runSipp } from '../support/sipp.js';
import { RawUdpSip, udpInvite } from '../support/raw-udp-sip.js';
import { freePort } from '../support/kamailio.js';

let t: TestDb;
let app: TestApp;
let engine: Awaited<ReturnType<typeof startTestRtpengine>>;
let sipPort: number;
let trunkPort: number;
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
afterAll(async () => {
  await calls.close();
  await app?.close();
  await engine?.stop();
  await t?.drop();
});

function next<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

describe('a call from the carrier trunk over UDP', () => {
  it('queues on the hotline, pops the caller on the agent console, connects and is logged', async () => {
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    const socket = await calls.desk(agent);
    const agentPhone = calls.phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body);
    await agentPhone.start();
    await registered(agentPhone);
    expect(await socket.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });

    const offered = next<LiveCallView>(socket, 'call:offered');
    const incoming = nextEvent(agentPhone, 'call:incoming');
    const sipp = runSipp({
      scenario: 'trunk-caller.xml',
      target: `127.0.0.1:${sipPort}`,
      service: '4008001234',
      localPort: trunkPort,
      mediaPort: await freeUdpPort(),
      vars: { caller: '13800138000' },
    });
    // SIPp ending first (a refused call, a scenario error) fails the test with its own words.
    const failed = sipp.done.then((r) => Promise.reject(new Error(`SIPp ended (${r.code}) before the offer:\n${r.output}`)));
    const offer = await Promise.race([offered, failed]);
    expect(offer.queueName).toBe('Customer support');
    expect(offer.screenPop.primary?.customer.name).toBe('张伟');
    const { call } = await incoming;
    expect(call.interactionId).toBe(String(offer.interactionId));

    const talking = next<LiveCallView>(socket, 'call:updated');
    await agentPhone.answer();
    expect((await talking).state).toBe('talking');
    // The media is anchored: rtpengine holds the call, with the carrier's leg and the agent's.
    const listed = await engine.client.command('list', {});
    const anchored = listed.calls as string[];
    expect(anchored).toHaveLength(1);
    const query = await engine.client.query(anchored[0]!);
    expect(Object.keys(query.tags as object)).toHaveLength(2);
    const ended = next<{ endReason: string }>(socket, 'call:ended');
    await agentPhone.hangup();
    expect((await ended).endReason).toBe('completed');
    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);
    // Hung up: its ports are freed.
    expect((await engine.client.command('list', {})).calls).toEqual([]);
    await app.composed.callsSettled();
    const row = await t.db('interactions').where({ id: offer.interactionId }).first();
    expect(row).toMatchObject({ end_reason: 'completed', hangup_by: 'agent', caller_number: '+8613800138000' });
  });

  it('asks anyone else for credentials before taking a call (407), and never rings an agent for it', async () => {
    const stranger = new RawUdpSip();
    const port = await stranger.open();
    try {
      stranger.send(udpInvite({ port, branch: 'z9hG4bKstranger1', callId: 'stranger-1', from: '13900000000', to: '4008001234' }), sipPort);
      const answer = await stranger.waitFor((m) => m.startsWith('SIP/2.0 407'));
      expect(answer).toMatch(/Proxy-Authenticate: Digest/);
      expect(app.composed.sipSwitch.stats().calls).toBe(0);
    } finally {
      stranger.close();
    }
  });

  it('answers a retransmitted INVITE with its last response instead of starting a second call, and repeats a final response on its own (Timer G)', async () => {
    const trunk = new RawUdpSip();
    // No agent is ready on this queue number: the ACD refuses with a final response, which
    // must then be repeated over UDP until the carrier ACKs it (Timer G).
    await trunk.open(trunkPort);
    try {
      const invite = udpInvite({ port: trunkPort, branch: 'z9hG4bKretrans1', callId: 'retrans-1', from: '13800138000', to: '4000000000' });
      trunk.send(invite, sipPort);
      const first = await trunk.waitFor((m) => /^SIP\/2\.0 [4-6]\d\d/.test(m));
      const status = first.slice(8, 11);
      const count = () => trunk.received.filter((m) => m.startsWith(`SIP/2.0 ${status}`)).length;
      // Timer G: the same final response again after T1 (500 ms), without any new request.
      await trunk.waitFor((m) => m.startsWith(`SIP/2.0 ${status}`), 3_000, trunk.received.indexOf(first) + 1);
      const before = count();
      trunk.send(invite, sipPort); // the carrier did not hear us: it sends the INVITE again
      await trunk.waitFor((m) => m.startsWith(`SIP/2.0 ${status}`), 3_000, trunk.received.length);
      expect(count()).toBeGreaterThan(before);
      expect(app.composed.sipSwitch.stats().calls).toBe(0);
    } finally {
      trunk.close();
    }
  });
});
