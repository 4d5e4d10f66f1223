import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SoftphoneError } from './softphone-error.js';
import { callReaches, nextEvent, PhoneLab } from './testing/phone-harness.js';

// What the softphone asks of the media: mute, devices, ICE tuning, a refused microphone.

let lab: PhoneLab;

beforeEach(() => {
  lab = new PhoneLab();
});

afterEach(async () => {
  await lab.stopAll();
});

describe('call media', () => {
  it('mutes and unmutes the microphone, and keeps mute across hold', async () => {
    const { a, b } = await lab.connectedCall();
    const muted = nextEvent(a.phone, 'call:mute-changed');
    a.phone.mute();
    expect((await muted).call.muted).toBe(true);
    expect(a.media.last.sending).toBe(false);
    await a.phone.hold();
    await a.phone.resume();
    expect(a.media.last).toMatchObject({ sending: false, receiving: true });
    a.phone.unmute();
    expect(a.media.last.sending).toBe(true);
    expect(a.phone.call?.muted).toBe(false);
    expect(b.media.last.sending).toBe(true);
  });

  it('swaps the microphone during a call without losing mute', async () => {
    const { a } = await lab.connectedCall();
    a.phone.mute();
    await a.phone.setInputDevice('mic-1');
    expect(a.media.inputDeviceId).toBe('mic-1');
    expect(a.media.last.sending).toBe(false);
    await a.phone.setOutputDevice('out-1');
    expect(a.media.outputDeviceId).toBe('out-1');
    await expect(a.phone.setOutputDevice('nope')).rejects.toMatchObject({ code: 'DEVICE' });
    expect((await a.phone.listDevices()).selectedOutputId).toBe('out-1');
  });

  it('hands the ICE tuning to the media factory', async () => {
    const a = lab.agent('alice', { iceGatheringTimeoutMs: 150, iceServers: [{ urls: 'stun:stun.kefu.test' }] });
    const b = lab.agent('bob');
    await Promise.all(lab.phones.map((p) => p.phone.start()));
    await a.phone.dial('bob');
    expect(a.media.factoryOptions[0]).toEqual({
      iceGatheringTimeout: 150,
      peerConnectionConfiguration: { iceServers: [{ urls: 'stun:stun.kefu.test' }] },
    });
    await callReaches(b.phone, 'incoming');
    await b.phone.answer();
    expect(b.media.factoryOptions[0]).toEqual({ iceGatheringTimeout: 200, peerConnectionConfiguration: { iceServers: [] } });
  });

  it('a refused microphone fails the dial with MEDIA and ends the call', async () => {
    const { a } = await lab.twoAgents();
    a.media.microphoneError = new SoftphoneError('MEDIA', 'Microphone unavailable: Permission denied');
    const ended = callReaches(a.phone, 'ended');
    await expect(a.phone.dial('bob')).rejects.toMatchObject({ code: 'MEDIA' });
    expect((await ended).end).toEqual({ reason: 'failed' });
    expect(a.phone.call).toBeUndefined();
  });

  it('a refused microphone fails the answer and the caller hears a failure', async () => {
    const { a, b } = await lab.twoAgents();
    b.media.microphoneError = new SoftphoneError('MEDIA', 'Microphone unavailable: Permission denied');
    const incoming = nextEvent(b.phone, 'call:incoming');
    const aEnded = callReaches(a.phone, 'ended');
    await a.phone.dial('bob');
    await incoming;
    await expect(b.phone.answer()).rejects.toMatchObject({ code: 'MEDIA' });
    expect((await aEnded).end?.reason).toBe('remote-reject');
    expect(b.phone.call).toBeUndefined();
  });
});
