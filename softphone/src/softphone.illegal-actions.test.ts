import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IllegalTransitionError } from './state-machine.js';
import { SoftphoneError } from './softphone-error.js';
import { callReaches, nextEvent, PhoneLab } from './testing/phone-harness.js';

// Every agent action the current call state does not allow is refused, and nothing is sent.

let lab: PhoneLab;

beforeEach(() => {
  lab = new PhoneLab();
});

afterEach(async () => {
  await lab.stopAll();
});

describe('actions the call state does not allow', () => {
  it('refuses call actions without a call, or before start', async () => {
    const a = lab.agent('alice');
    await expect(a.phone.dial('bob')).rejects.toMatchObject({ code: 'NOT_STARTED' });
    await a.phone.start();
    await expect(a.phone.answer()).rejects.toMatchObject({ code: 'NO_CALL' });
    await expect(a.phone.hangup()).rejects.toMatchObject({ code: 'NO_CALL' });
    expect(() => a.phone.mute()).toThrow(SoftphoneError);
  });

  it('refuses moves the call table does not have', async () => {
    const { a, b } = await lab.twoAgents();
    const incoming = nextEvent(b.phone, 'call:incoming');
    await a.phone.dial('bob');
    await incoming;
    // The caller cannot answer its own call; the callee cannot hold a ringing call.
    await expect(a.phone.answer()).rejects.toBeInstanceOf(IllegalTransitionError);
    await expect(b.phone.hold()).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'incoming', event: 'hold' });
    await expect(b.phone.resume()).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(() => b.phone.mute()).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    await expect(a.phone.reject()).rejects.toMatchObject({ from: 'ringing-out', event: 'reject' });
    await expect(a.phone.dial('bob')).rejects.toMatchObject({ code: 'CALL_IN_PROGRESS' });
    await b.phone.answer();
    await callReaches(a.phone, 'active');
    await expect(b.phone.answer()).rejects.toMatchObject({ from: 'active', event: 'answer' });
    await expect(a.phone.resume()).rejects.toMatchObject({ from: 'active', event: 'resume' });
    await a.phone.hold();
    await expect(a.phone.hold()).rejects.toMatchObject({ from: 'held', event: 'hold' });
    await expect(a.phone.sendDtmf('1')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await a.phone.resume();
    await expect(a.phone.sendDtmf('12')).rejects.toMatchObject({ code: 'INVALID_DTMF' });
    await expect(a.phone.dial('bob')).rejects.toMatchObject({ code: 'CALL_IN_PROGRESS' });
  });

  it('reports RFC 4733 DTMF that the media cannot send', async () => {
    const { a } = await lab.connectedCall();
    a.media.last.dtmfSupported = false;
    await expect(a.phone.sendDtmf('1')).rejects.toMatchObject({ code: 'MEDIA' });
  });
});
