// Call recording in the real rtpengine (pcap, userspace): a recorded stretch, a pause for card
// numbers (stop, then start again), another stretch; kefu turns the pcaps into one stereo WAV
// with the caller on the left, the agent on the right, and the paused span silent.
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtpengineRelay } from '../../server/src/media/rtpengine-relay.js';
import { pcapsToStereoWav } from '../../server/src/media/recording/pcap-to-wav.js';
import { rtpengineSettings, startTestRtpengine, trunkOffer } from '../support/rtpengine.js';

let engine: Awaited<ReturnType<typeof startTestRtpengine>>;
let recordingDir: string;
beforeAll(async () => {
  const s = await rtpengineSettings();
  recordingDir = path.join(s.runDir, 'recordings');
  engine = await startTestRtpengine({ ...s, recordingDir });
});
afterAll(async () => {
  await engine?.stop();
});

/** A plain-RTP party: a socket that sends G.711 A-law (a loud constant) every 20 ms, as a phone does. */
class Party {
  readonly socket = dgram.createSocket('udp4');
  private seq = 0;
  async open(): Promise<number> {
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    return this.socket.address().port;
  }
  async talk(toPort: number, packets: number, level: number): Promise<void> {
    for (let i = 0; i < packets; i++) {
      const packet = Buffer.alloc(12 + 160, level);
      packet[0] = 0x80;
      packet[1] = 8;
      packet.writeUInt16BE(this.seq & 0xffff, 2);
      packet.writeUInt32BE((this.seq++ * 160) >>> 0, 4);
      packet.writeUInt32BE(0xabc0 + level, 8);
      this.socket.send(packet, toPort, '127.0.0.1');
      // Paced like a phone: the recording places audio by when it was captured.
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const port = (sdp: string) => Number(/m=audio (\d+)/.exec(sdp)![1]);

/** Mean absolute sample of one channel over [from, to) seconds. */
function loudness(wav: Buffer, channel: 0 | 1, from: number, to: number): number {
  const samples = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
  let sum = 0;
  let n = 0;
  for (let f = Math.floor(from * 8000); f < Math.min(to * 8000, samples.length / 2); f++, n++) sum += Math.abs(samples[f * 2 + channel]!);
  return n ? sum / n : 0;
}

describe('call recording through rtpengine', () => {
  it('records both parties into one stereo WAV, with the paused span silent', async () => {
    const relay = new RtpengineRelay(engine.client);
    const caller = new Party();
    const agent = new Party();
    const callerPort = await caller.open();
    const agentPort = await agent.open();
    const callId = `rec-${Date.now()}`;
    // Two plain-RTP parties through the relay (the leg kinds do not change what is recorded).
    const toAgent = await relay.reoffer(callId, 'caller', 'agent', trunkOffer(callerPort), 'trunk');
    const toCaller = await relay.reanswer(callId, 'caller', 'agent', trunkOffer(agentPort), 'trunk');

    await relay.startRecording(callId, 'interaction=42');
    await Promise.all([caller.talk(port(toCaller), 25, 0x2a), agent.talk(port(toAgent), 25, 0xaa)]);
    await relay.stopRecording(callId); // pause: the card number is read out now
    await Promise.all([caller.talk(port(toCaller), 25, 0x2a), agent.talk(port(toAgent), 25, 0xaa)]);
    await relay.startRecording(callId, 'interaction=42');
    await Promise.all([caller.talk(port(toCaller), 25, 0x2a), agent.talk(port(toAgent), 25, 0xaa)]);
    await relay.stopRecording(callId);
    await relay.release(callId);
    caller.socket.close();
    agent.socket.close();

    const pcapDir = path.join(recordingDir, 'pcaps');
    const files = fs.readdirSync(pcapDir).filter((f) => f.includes(callId) && f.endsWith('.pcap'));
    // One file per recorded stretch.
    expect(files).toHaveLength(2);
    const { wav, seconds } = pcapsToStereoWav(
      files.map((f) => fs.readFileSync(path.join(pcapDir, f))),
      `127.0.0.1:${callerPort}`,
    );
    // Two half-second stretches with a half-second pause between: about 1.5 s.
    expect(seconds).toBeGreaterThan(1.2);
    expect(seconds).toBeLessThan(2.5);
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.readUInt16LE(22)).toBe(2);
    // Both parties are heard, each on their own channel, in both stretches.
    for (const [from, to] of [
      [0.05, 0.4],
      [seconds - 0.4, seconds - 0.05],
    ] as const) {
      expect(loudness(wav, 0, from, to)).toBeGreaterThan(100);
      expect(loudness(wav, 1, from, to)).toBeGreaterThan(100);
    }
    // The paused span holds no audio at all.
    const mid = seconds / 2;
    expect(loudness(wav, 0, mid - 0.15, mid + 0.15)).toBe(0);
    expect(loudness(wav, 1, mid - 0.15, mid + 0.15)).toBe(0);
  });
});
