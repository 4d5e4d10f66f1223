// Each party of a monitored call speaks its own tone, so a test can tell by ear (an FFT in the
// page) whose voice reaches whom: each party gets a browser of its own whose fake microphone
// plays a WAV of one frequency, in bursts (a steady tone would be taken for noise and suppressed).
import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS as ARGS } from './chromium-args.js';

// Chosen so that no mixing product of two tones (up to the fifth order: a mix that clips a little
// makes them) lands within 150 Hz of the third tone or of the quiet floor.
export const TONES = { caller: 1150, agent: 1700, supervisor: 2500 } as const;
export type Party = keyof typeof TONES;
/** A frequency no party speaks: the floor the tones are measured against. */
const QUIET_HZ = 3100;


/**
 * A 2-second loop of 48 kHz mono PCM: the tone for 350 ms of every 500, faded in and out over
 * 20 ms so the bursts' edges do not click (a click is heard at every frequency).
 */
function toneWav(hz: number): Buffer {
  const rate = 48_000;
  const samples = rate * 2;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = (i % (rate / 2)) / rate; // seconds into this burst's half second
    const fade = 0.02;
    const envelope = t >= 0.35 ? 0 : Math.min(1, t / fade, (0.35 - t) / fade);
    const shaped = 0.5 - 0.5 * Math.cos(Math.PI * envelope); // raised cosine
    const v = Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 0.3 * shaped * 32767);
    data.writeInt16LE(v, i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A Chromium whose microphone speaks this party's tone. */
export async function partyBrowser(party: Party): Promise<Browser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-tone-'));
  const file = path.join(dir, `${party}.wav`);
  fs.writeFileSync(file, toneWav(TONES[party]));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...ARGS, `--use-file-for-fake-audio-capture=${file}`],
  });
  browser.on('disconnected', () => fs.rmSync(dir, { recursive: true, force: true }));
  return browser;
}

/** The peer connections the console exposes under automation (navigator.webdriver) only. */
export type PeerName = '__kefuPeerConnection' | '__kefuMonitorPeerConnection' | '__kefuSupervisorMonitorPeerConnection';

/**
 * How loud each party's tone is in what the page receives on this peer connection, in dB above
 * the quiet floor, measured over `ms` (the loudest moment: the tones come in bursts). Null when
 * the page has no such connection yet.
 */
export async function tonesHeard(page: Page, peer: PeerName, ms = 1_500): Promise<Record<Party, number> | null> {
  const freqs = [TONES.caller, TONES.agent, TONES.supervisor, QUIET_HZ];
  const probe = `(async () => {
    const pc = window[${JSON.stringify(peer)}];
    if (!pc) return null;
    const track = pc.getReceivers().map((r) => r.track).find((t) => t && t.kind === 'audio');
    if (!track) return null;
    const ctx = new AudioContext();
    await ctx.resume();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 4096;
    analyser.smoothingTimeConstant = 0;
    source.connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const freqs = ${JSON.stringify(freqs)};
    const peak = freqs.map(() => -200);
    const hzPerBin = ctx.sampleRate / analyser.fftSize;
    const end = performance.now() + ${ms};
    while (performance.now() < end) {
      await new Promise((r) => setTimeout(r, 40));
      analyser.getFloatFrequencyData(bins);
      freqs.forEach((f, i) => {
        const b = Math.round(f / hzPerBin);
        for (let k = b - 2; k <= b + 2; k++) if (Number.isFinite(bins[k])) peak[i] = Math.max(peak[i], bins[k]);
      });
    }
    source.disconnect();
    await ctx.close();
    return peak;
  })()`;
  const peak = (await page.evaluate(probe)) as number[] | null;
  if (!peak) return null;
  const floor = peak[3]!;
  return { caller: peak[0]! - floor, agent: peak[1]! - floor, supervisor: peak[2]! - floor };
}

/** Audio bytes received so far on that peer connection (inbound-rtp); -1 without one. */
export async function bytesReceived(page: Page, peer: PeerName): Promise<number> {
  const probe = `(async () => {
    const pc = window[${JSON.stringify(peer)}];
    if (!pc) return -1;
    let bytes = 0;
    (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes += s.bytesReceived || 0; });
    return bytes;
  })()`;
  return (await page.evaluate(probe)) as number;
}
