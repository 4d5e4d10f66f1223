// Call recording as a contact center uses it, end to end through the real rtpengine: a carrier's
// call (a test carrier on UDP) answered by an agent's softphone whose media is a real RTP socket;
// the queue's policy decides whether it is recorded, the agent pauses for a card number over the
// desk's socket, and the sealed WAV plays back only to those who may see the customer.
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import type { SessionDescriptionHandlerFactory } from 'sip.js';
import type { Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdminQueue, CallRecordingView, LiveCallView, RecordingPolicy, SipCredentialsView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { nextEvent, registered } from '../../softphone/src/testing/phone-harness.js';
import { FakeMediaEngine, type FakeSessionDescriptionHandler } from '../../softphone/src/testing/fake-media.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import { CallHarness } from '../support/call-harness.js';
import { freePort } from '../support/kamailio.js';
import { freeUdpPort, rtpengineSettings, startTestRtpengine } from '../support/rtpengine.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';
import { audioOf, TrunkPeer } from '../support/trunk-peer.js';

let t: TestDb;
let app: TestApp;
let engine: Awaited<ReturnType<typeof startTestRtpengine>>;
let recordingDir: string;
let sipPort: number;
let trunkPort: number;
let carrier: TrunkPeer;
let admin: ApiClient;
const calls = new CallHarness(() => app.baseUrl);
const CALLER = '13911112222';

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  const s = await rtpengineSettings();
  recordingDir = path.join(s.runDir, 'recordings');
  engine = await startTestRtpengine({ ...s, recordingDir });
  sipPort = await freeUdpPort();
  trunkPort = await freeUdpPort();
  app = await startTestApp(t.db, undefined, {
    media: { kind: 'rtpengine', ng: engine.client, recordingDir, stop: async () => {} },
    sipPlain: {
      udp: { host: '127.0.0.1', port: sipPort },
      tcp: { host: '127.0.0.1', port: await freePort() },
      trunk: { address: { host: '127.0.0.1', port: trunkPort }, transport: 'udp' },
    },
  });
  admin = await new ApiClient(app.baseUrl).login('admin1');
  // The caller is a customer nobody owns: an agent sees them only by handling their call.
  expect((await admin.post('/api/customers', { name: 'Recorded Caller', phones: [{ number: CALLER }] })).status).toBe(201);
});
afterEach(() => carrier?.close());
afterAll(async () => {
  await calls.close();
  await app?.close();
  await engine?.stop();
  await t?.drop();
});

/**
 * The agent's softphone with a plain RTP socket for media: it answers the relay with plain RTP
 * (as a SIP desk phone would), so the test can speak as the agent and hear the caller.
 */
class RtpAgentMedia extends FakeMediaEngine {
  readonly socket = dgram.createSocket('udp4');
  /** Where the relay expects the agent's audio (its offer's port). */
  relayPort = 0;
  constructor() {
    super();
    const fake = this.sessionDescriptionHandlerFactory;
    const plain: SessionDescriptionHandlerFactory = (session, options) => {
      const handler = fake(session, options) as FakeSessionDescriptionHandler;
      const set = handler.setDescription.bind(handler);
      handler.setDescription = (sdp) => {
        this.relayPort = audioOf(sdp).port;
        return set(sdp);
      };
      const describe = handler.getDescription.bind(handler);
      handler.getDescription = async (o) => ({ ...(await describe(o)), body: plainSdp(this.socket.address().port) });
      return handler;
    };
    (this as { sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory }).sessionDescriptionHandlerFactory = plain;
  }
  open(): Promise<void> {
    return new Promise((resolve) => this.socket.bind(0, '127.0.0.1', () => resolve()));
  }
  private seq = 0;
  speak(level: number): void {
    const packet = Buffer.alloc(12 + 160, level);
    packet[0] = 0x80;
    packet[1] = 8;
    packet.writeUInt16BE(this.seq & 0xffff, 2);
    packet.writeUInt32BE((this.seq++ * 160) >>> 0, 4);
    packet.writeUInt32BE(0x5eed, 8);
    this.socket.send(packet, this.relayPort, '127.0.0.1');
  }
}

function plainSdp(port: number): string {
  return ['v=0', 'o=- 7 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 8 126`, 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:126 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');
}

function next<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

async function setPolicy(policy: RecordingPolicy): Promise<void> {
  const queue = ((await admin.get<{ items: AdminQueue[] }>('/api/admin/queues')).body.items.find((q) => q.name === 'support'))!;
  const saved = await admin.patch<AdminQueue>(`/api/admin/queues/${queue.id}`, { version: queue.version, recordingPolicy: policy });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect(saved.body.recordingPolicy).toBe(policy);
}

interface AnsweredCall {
  phone: Softphone;
  media: RtpAgentMedia;
  socket: Socket;
  callerPort: number;
  view: LiveCallView;
  recording: Promise<CallRecordingView> | null;
}

/** A carrier's call to the support line, answered by `username` at their desk. */
async function answeredCall(username: string, expectRecording: boolean): Promise<AnsweredCall> {
  const agent = await new ApiClient(app.baseUrl).login(username);
  const socket = await calls.desk(agent);
  const media = new RtpAgentMedia();
  await media.open();
  const phone = calls.phone((await agent.get<SipCredentialsView>('/api/softphone/credentials')).body, media);
  await phone.start();
  await registered(phone);
  expect(await socket.emitWithAck('agent:set-state', { state: 'ready' })).toMatchObject({ ok: true });
  carrier = new TrunkPeer(trunkPort, sipPort);
  await carrier.open();
  const offered = next<LiveCallView>(socket, 'call:offered');
  const incoming = nextEvent(phone, 'call:incoming');
  carrier.invite('4008001234', CALLER);
  await carrier.response(183);
  const view = await offered;
  await incoming;
  const recording = expectRecording ? next<CallRecordingView>(socket, 'recording:changed') : null;
  await phone.answer();
  const ok = await carrier.response(200);
  carrier.ack(1);
  return { phone, media, socket, callerPort: audioOf(ok.body).port, view, recording };
}

/** Both parties talk for `packets` × 20 ms, paced like phones: the recording places audio by when it arrived. */
async function talk(c: AnsweredCall, packets: number): Promise<void> {
  for (let i = 0; i < packets; i++) {
    carrier.sendAudio(c.callerPort, 1, 0x2a);
    c.media.speak(0xaa);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function hangUp(c: AnsweredCall): Promise<void> {
  const ended = next(c.socket, 'call:ended');
  const at = carrier.sip.received.length;
  await c.phone.hangup();
  carrier.answer(await carrier.request_('BYE', at));
  await ended;
  await app.composed.callsSettled();
  await app.composed.recordings.settled();
  await c.phone.stop();
  c.media.socket.close();
}

/** Mean absolute sample of one channel of a 16-bit stereo WAV over [from, to) seconds. */
function loudness(wav: Buffer, channel: 0 | 1, from: number, to: number): number {
  const samples = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
  let sum = 0;
  let n = 0;
  for (let f = Math.floor(from * 8000); f < Math.min(to * 8000, samples.length / 2); f++, n++) sum += Math.abs(samples[f * 2 + channel]!);
  return n ? sum / n : 0;
}

async function playAs(client: ApiClient, id: number): Promise<{ status: number; wav: Buffer }> {
  const res = await fetch(`${app.baseUrl}/api/recordings/${id}/audio`, { headers: { cookie: client.cookie! } });
  return { status: res.status, wav: Buffer.from(await res.arrayBuffer()) };
}

describe('recording a carrier call', () => {
  it('records nothing on a queue whose policy is none', async () => {
    await setPolicy('none');
    const c = await answeredCall('agent1', false);
    const shown: unknown[] = [];
    c.socket.on('recording:changed', (v) => shown.push(v));
    await talk(c, 10);
    // Nothing to pause on the desk, so the command is refused.
    const refused = await c.socket.emitWithAck('recording:control', { callId: c.view.callId, action: 'pause' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await hangUp(c);
    expect(shown).toEqual([]);
    expect(await t.db('recordings').where('interaction_id', c.view.interactionId)).toEqual([]);
  });

  it('records a whole call with a silent pause, seals it at rest, and plays it to who may see the customer', async () => {
    await setPolicy('all');
    // The policy change is audited like any admin change to a queue.
    const audit = await t.db('audit_log').where({ action: 'admin.queue.updated' }).orderBy('id', 'desc').first('detail');
    expect(JSON.stringify(audit.detail)).toContain('recordingPolicy');

    const c = await answeredCall('agent2', true);
    expect(await c.recording).toMatchObject({ callId: c.view.callId, state: 'recording' });
    await talk(c, 25);
    // The caller is about to read a card number: the agent pauses.
    const paused = await c.socket.emitWithAck('recording:control', { callId: c.view.callId, action: 'pause' });
    expect(paused).toMatchObject({ ok: true, data: { state: 'paused' } });
    // A desk opened again (a reload) learns the recording is paused.
    expect(await c.socket.emitWithAck('recording:current', {})).toMatchObject({ ok: true, data: { callId: c.view.callId, state: 'paused' } });
    await talk(c, 25);
    const resumed = await c.socket.emitWithAck('recording:control', { callId: c.view.callId, action: 'resume' });
    expect(resumed).toMatchObject({ ok: true, data: { state: 'recording' } });
    // Bad input is a validation error, not a crash.
    expect(await c.socket.emitWithAck('recording:control', { callId: c.view.callId, action: 'erase' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await talk(c, 25);
    await hangUp(c);

    const [row] = await t.db('recordings').where('interaction_id', c.view.interactionId);
    expect(row).toMatchObject({ state: 'ready', started_by: 'policy', failure_reason: null });
    expect(row.duration_seconds).toBeGreaterThanOrEqual(1);
    expect(row.paused_spans).toHaveLength(1);
    expect(row.paused_spans[0].to).not.toBeNull();
    // At rest: sealed, no WAV header, and rtpengine's clear captures are gone.
    const atRest = fs.readFileSync(path.join(recordingDir, 'sealed', row.file_name));
    expect(atRest.subarray(0, 4).toString('latin1')).not.toBe('RIFF');
    expect(atRest.includes(Buffer.from('WAVEfmt'))).toBe(false);
    expect(fs.readdirSync(path.join(recordingDir, 'pcaps')).filter((f) => f.endsWith('.pcap'))).toEqual([]);

    // The agent who took the call plays it: a stereo WAV, caller left and agent right, the pause silent.
    const agent2 = await new ApiClient(app.baseUrl).login('agent2');
    const list = await agent2.get(`/api/recordings?customerId=${(await t.db('interactions').where('id', c.view.interactionId).first('customer_id')).customer_id}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toMatchObject([{ id: row.id, state: 'ready', agentName: expect.any(String) }]);
    const played = await playAs(agent2, row.id);
    expect(played.status).toBe(200);
    const { wav } = played;
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(wav.readUInt16LE(22)).toBe(2);
    const seconds = (wav.length - 44) / 4 / 8000;
    for (const [from, to] of [
      [0.05, 0.35],
      [seconds - 0.35, seconds - 0.05],
    ] as const) {
      expect(loudness(wav, 0, from, to)).toBeGreaterThan(100);
      expect(loudness(wav, 1, from, to)).toBeGreaterThan(100);
    }
    const mid = seconds / 2;
    expect(loudness(wav, 0, mid - 0.1, mid + 0.1)).toBe(0);
    expect(loudness(wav, 1, mid - 0.1, mid + 0.1)).toBe(0);
    // Every play is in the audit log: who, and which call.
    const plays = await t.db('audit_log').where({ action: 'recording.play', entity_id: String(row.id), outcome: 'allowed' });
    expect(plays).toHaveLength(1);
    expect(plays[0].user_id).toBe((await t.db('users').where({ username: 'agent2' }).first('id')).id);
    expect(plays[0].detail).toMatchObject({ interactionId: c.view.interactionId });

    // Another agent never handled this customer: refused, and the refusal is audited.
    const agent3 = await new ApiClient(app.baseUrl).login('agent3');
    expect((await playAs(agent3, row.id)).status).toBe(403);
    expect(await t.db('audit_log').where({ action: 'recording.play', entity_id: String(row.id) })).toHaveLength(1);
    expect(await t.db('audit_log').where({ action: 'customer.view', outcome: 'denied', user_id: (await t.db('users').where({ username: 'agent3' }).first('id')).id })).not.toEqual([]);

    // Retention keeps it today; a year and a day later the recording and its file are gone.
    expect(await app.composed.recordings.service.applyRetention(new Date())).toEqual({ removed: 0, orphans: 0 });
    const now = new Date(Date.now() + 366 * 86_400_000);
    expect(await app.composed.recordings.service.applyRetention(now)).toEqual({ removed: 1, orphans: 0 });
    expect(await t.db('recordings').where('id', row.id)).toEqual([]);
    expect(fs.existsSync(path.join(recordingDir, 'sealed', row.file_name))).toBe(false);
    expect((await playAs(agent2, row.id)).status).toBe(404);
  });

  it('offers Start on an on-demand queue; a recording the media plane cannot write fails, and the call goes on', async () => {
    await setPolicy('on_demand');
    const c = await answeredCall('agent3', true);
    expect(await c.recording).toMatchObject({ callId: c.view.callId, state: 'available' });
    // Where rtpengine writes its captures is gone (a failed disk): it cannot record.
    const pcaps = path.join(recordingDir, 'pcaps');
    fs.renameSync(pcaps, `${pcaps}.away`);
    fs.writeFileSync(pcaps, '');
    try {
      const started = await c.socket.emitWithAck('recording:control', { callId: c.view.callId, action: 'start' });
      expect(started).toMatchObject({ ok: true, data: { state: 'failed', failure: expect.stringContaining('no recording file') } });
      expect(await c.socket.emitWithAck('recording:control', { callId: c.view.callId, action: 'pause' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      await talk(c, 5);
    } finally {
      fs.rmSync(pcaps);
      fs.renameSync(`${pcaps}.away`, pcaps);
    }
    const ended = next<{ endReason: string }>(c.socket, 'call:ended');
    await hangUp(c);
    expect((await ended).endReason).toBe('completed');
    const [row] = await t.db('recordings').where('interaction_id', c.view.interactionId);
    expect(row).toMatchObject({ state: 'failed', started_by: 'agent', file_name: null });
    expect(row.failure_reason).toContain('no recording file');
  });
});
