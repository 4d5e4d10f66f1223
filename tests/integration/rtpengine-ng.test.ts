// The ng client against the real rtpengine daemon, started as kefu starts its embedded one.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NgClient, NgError } from '../../server/src/media/ng/ng-client.js';
import { TOWARD_BROWSER, TOWARD_TRUNK } from '../../server/src/media/ng/leg-flags.js';
import { mediaHealth, openMediaPlane } from '../../server/src/media/media-plane.js';
import { pino } from 'pino';
import { browserAnswer, freeUdpPort, rtpengineSettings, startTestRtpengine, trunkOffer } from '../support/rtpengine.js';

const silent = pino({ level: 'silent' });
let engine: Awaited<ReturnType<typeof startTestRtpengine>>;
beforeAll(async () => {
  engine = await startTestRtpengine();
});
afterAll(async () => {
  await engine?.stop();
});

/** The m=audio line's protocol and payload types, in order. */
function audioLine(sdp: string): { proto: string; payloads: string[]; port: number } {
  const line = sdp.split('\r\n').find((l) => l.startsWith('m=audio '))!;
  const [, port, proto, ...payloads] = line.slice(2).split(' ');
  return { proto: proto!, payloads, port: Number(port) };
}

describe('the rtpengine ng client', () => {
  it('pings the daemon it started', async () => {
    await expect(engine.client.ping()).resolves.toBeUndefined();
  });

  it('turns a carrier offer into a WebRTC offer (ICE, DTLS, rtcp-mux) keeping G.711 first, and the browser answer back into plain RTP', async () => {
    const callId = `ng-test-${Date.now()}`;
    const toBrowser = await engine.client.offer({ callId, fromTag: 'carrier', sdp: trunkOffer(50_000), flags: TOWARD_BROWSER });
    const offered = audioLine(toBrowser);
    expect(offered.proto).toBe('UDP/TLS/RTP/SAVPF');
    expect(offered.payloads).toEqual(['8', '0', '101']); // no transcoding: the carrier's codecs, same order
    expect(toBrowser).toMatch(/a=ice-ufrag:/);
    expect(toBrowser).toMatch(/a=fingerprint:sha-256 /);
    expect(toBrowser).toMatch(/a=rtcp-mux/);
    expect(toBrowser).toMatch(/a=mid:/);
    // Media is anchored: the browser is sent to rtpengine's port, not the carrier's.
    expect(offered.port).toBeGreaterThanOrEqual(engine.settings.portMin);
    expect(offered.port).toBeLessThanOrEqual(engine.settings.portMax);

    const toCarrier = await engine.client.answer({ callId, fromTag: 'carrier', toTag: 'agent', sdp: browserAnswer(50_010), flags: TOWARD_TRUNK });
    const answered = audioLine(toCarrier);
    expect(answered.proto).toBe('RTP/AVP');
    expect(answered.payloads[0]).toBe('8');
    expect(toCarrier).not.toMatch(/a=ice-|a=fingerprint|a=candidate/);
    expect(toCarrier).toMatch(/c=IN IP4 127\.0\.0\.1/);
    expect(answered.port).toBeGreaterThanOrEqual(engine.settings.portMin);

    const stats = await engine.client.query(callId);
    expect(Object.keys(stats.tags as object)).toEqual(expect.arrayContaining(['carrier', 'agent']));

    await engine.client.delete(callId);
    await expect(engine.client.query(callId)).rejects.toThrow(/Unknown call-id/i);
    // Hanging up twice (both legs' BYEs) is not an error.
    await expect(engine.client.delete(callId)).resolves.toBeUndefined();
  });

  it('rejects a refused command with the daemon’s reason instead of an SDP', async () => {
    const err = await engine.client.answer({ callId: 'never-offered', fromTag: 'a', toTag: 'b', sdp: trunkOffer(50_020), flags: TOWARD_TRUNK }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NgError);
    expect((err as NgError).reason).toMatch(/unknown call/i);
  });

  it('fails a command nobody answers within its time-out', async () => {
    const nobody = new NgClient({ host: '127.0.0.1', port: await freeUdpPort(), timeoutMs: 300, retransmitMs: 100 });
    await expect(nobody.ping()).rejects.toThrow(/no reply/);
    nobody.close();
  });
});

describe('the embedded media plane', () => {
  it('is started when rtpengine is installed, reported healthy, and stopped at close', async () => {
    const s = await rtpengineSettings();
    const plane = await openMediaPlane(
      { mode: 'auto', externalNg: null, dataDir: path.dirname(s.runDir), interface: '127.0.0.1', ngPort: s.ngPort, ports: { min: s.portMin, max: s.portMax }, binary: s.binary },
      silent,
    );
    expect(plane.kind).toBe('rtpengine');
    expect(await mediaHealth(plane)).toBe('rtpengine');
    const probe = new NgClient({ host: '127.0.0.1', port: s.ngPort, timeoutMs: 300 });
    await plane.stop();
    await expect(probe.ping()).rejects.toThrow(/no reply/);
    probe.close();
  });

  it('uses an external rtpengine given by address, and refuses to start when it does not answer', async () => {
    const plane = await openMediaPlane(
      { mode: 'auto', externalNg: { host: '127.0.0.1', port: engine.settings.ngPort }, dataDir: '/nonexistent', interface: '127.0.0.1', ngPort: 1, ports: { min: 1, max: 2 } },
      silent,
    );
    expect(await mediaHealth(plane)).toBe('rtpengine');
    await plane.stop();
    // The daemon we pointed at is not ours to stop.
    await expect(engine.client.ping()).resolves.toBeUndefined();

    const dead = openMediaPlane(
      { mode: 'auto', externalNg: { host: '127.0.0.1', port: await freeUdpPort() }, dataDir: '/nonexistent', interface: '127.0.0.1', ngPort: 1, ports: { min: 1, max: 2 } },
      silent,
    );
    await expect(dead).rejects.toThrow(/KEFU_RTPENGINE_URL .* does not answer/);
  });

  it('runs without media when rtpengine is off, saying so in health', async () => {
    const plane = await openMediaPlane({ mode: 'off', externalNg: null, dataDir: '/nonexistent', interface: '127.0.0.1', ngPort: 1, ports: { min: 1, max: 2 } }, silent);
    expect(plane.kind).toBe('none');
    expect(await mediaHealth(plane)).toBe('none');
  });

  it('stops an rtpengine a killed kefu left behind, instead of failing on its ports', async () => {
    const s = await rtpengineSettings();
    const first = await startTestRtpengine(s);
    const orphanPid = Number(fs.readFileSync(path.join(s.runDir, 'rtpengine.pid'), 'utf8'));
    // No stop(): as if kefu had been killed. The next start finds its pid file.
    const second = await startTestRtpengine(s);
    try {
      await expect(second.client.ping()).resolves.toBeUndefined();
      expect(Number(fs.readFileSync(path.join(s.runDir, 'rtpengine.pid'), 'utf8'))).not.toBe(orphanPid);
      expect(fs.existsSync(`/proc/${orphanPid}/cmdline`) && fs.readFileSync(`/proc/${orphanPid}/cmdline`, 'utf8').includes('rtpengine')).toBe(false);
    } finally {
      await second.stop();
      first.client.close();
    }
  });
});

describe('the embedded media plane when rtpengine cannot start', () => {
  it('runs on without media instead of refusing to start kefu', async () => {
    const s = await rtpengineSettings();
    // Its ng port is taken by the daemon already running.
    const plane = await openMediaPlane(
      { mode: 'auto', externalNg: null, dataDir: path.dirname(s.runDir), interface: '127.0.0.1', ngPort: engine.settings.ngPort, ports: { min: s.portMin, max: s.portMax }, binary: s.binary },
      silent,
    );
    expect(plane.kind).toBe('none');
    expect(await mediaHealth(plane)).toBe('none');
  });
});
