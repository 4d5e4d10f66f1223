// Debian's rtpengine for a test: started the way kefu starts its embedded one, on free ports.
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { findRtpengine, startRtpengine, type RunningRtpengine, type RtpengineSettings } from '../../server/src/media/rtpengine-process.js';

/** A UDP port free on 127.0.0.1 right now. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function rtpengineSettings(runDir?: string): Promise<RtpengineSettings> {
  const binary = findRtpengine();
  if (!binary) throw new Error('rtpengine is not installed: apt-get install -y --no-install-recommends rtpengine-daemon');
  // A range of its own per test file: files run side by side.
  const portMin = 40_000 + Math.floor(Math.random() * 200) * 100;
  return {
    binary,
    runDir: runDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-rtpengine-')),
    interface: '127.0.0.1',
    ngPort: await freeUdpPort(),
    portMin,
    portMax: portMin + 99,
  };
}

export async function startTestRtpengine(settings?: RtpengineSettings): Promise<RunningRtpengine & { settings: RtpengineSettings }> {
  const s = settings ?? (await rtpengineSettings());
  const running = await startRtpengine(s, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  return { ...running, settings: s };
}

/** A carrier's SDP offer: G.711 both laws and RFC 4733 events, plain RTP. */
export function trunkOffer(rtpPort: number): string {
  return [
    'v=0',
    'o=carrier 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${rtpPort} RTP/AVP 8 0 101`,
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-15',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

/** A browser's answer to a WebRTC offer (what Chromium sends back, trimmed to what matters). */
export function browserAnswer(rtpPort: number): string {
  return [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    `m=audio ${rtpPort} UDP/TLS/RTP/SAVPF 8 101`,
    'c=IN IP4 127.0.0.1',
    `a=candidate:1 1 udp 2122260223 127.0.0.1 ${rtpPort} typ host`,
    'a=ice-ufrag:abcd',
    'a=ice-pwd:abcdefghijklmnopqrstuvwx',
    'a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF',
    'a=setup:active',
    'a=mid:0',
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    '',
  ].join('\r\n');
}
