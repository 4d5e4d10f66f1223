import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addHeaders } from './testing/fake-sip-hub.js';
import { callReaches, nextEvent, PhoneLab } from './testing/phone-harness.js';

// Two real sip.js user agents (through the Softphone) talk through an in-process registrar;
// only the media is fake. Each test reads as a call flow.

let lab: PhoneLab;

beforeEach(() => {
  lab = new PhoneLab();
});

afterEach(async () => {
  await lab.stopAll();
});

describe('a call between two agents', () => {
  it('rings, is answered, held, resumed, carries DTMF and is hung up by the callee', async () => {
    const { hub, a, b } = await lab.twoAgents();
    expect(hub.isRegistered('alice') && hub.isRegistered('bob')).toBe(true);

    // A dials B; B rings with A's caller id, and A hears the 180.
    const incoming = nextEvent(b.phone, 'call:incoming');
    const ringing = callReaches(a.phone, 'ringing-out');
    const dialled = await a.phone.dial('bob');
    expect(dialled).toMatchObject({ direction: 'outbound', state: 'dialing' });
    const { call: offered } = await incoming;
    expect(offered).toMatchObject({
      direction: 'inbound',
      state: 'incoming',
      remote: { user: 'alice', displayName: 'Agent alice' },
      sipCallId: dialled.sipCallId,
    });
    await ringing;
    expect(b.ringtone.ringing).toBe(true);

    // B answers; both sides are active and playing the other's audio.
    const aActive = callReaches(a.phone, 'active');
    await b.phone.answer();
    await Promise.all([aActive, callReaches(b.phone, 'active')]);
    expect(b.ringtone.ringing).toBe(false);
    expect(a.media.playing).toBe(a.media.last);
    expect(b.media.playing).toBe(b.media.last);
    expect(a.phone.call?.answeredAt).toBeTypeOf('number');

    // A holds: a re-INVITE offering sendonly goes through, B answers recvonly, A is held and
    // sends and plays nothing.
    await a.phone.hold();
    expect(a.phone.call?.state).toBe('held');
    const reinvite = hub.requests('INVITE').at(-1);
    expect(reinvite?.raw).toContain('a=sendonly');
    expect(b.media.last.localDirection).toBe('recvonly');
    expect(a.media.last).toMatchObject({ sending: false, receiving: false });
    expect(b.phone.call?.state).toBe('active'); // the far end's hold does not change B's controls

    // Resume: back to sendrecv both ways.
    await a.phone.resume();
    expect(a.phone.call?.state).toBe('active');
    expect(hub.requests('INVITE').at(-1)?.raw).toContain('a=sendrecv');
    expect(a.media.last).toMatchObject({ sending: true, receiving: true });

    // DTMF by INFO reaches B; by RFC 4733 it goes to the media.
    const dtmf = nextEvent(b.phone, 'call:dtmf-received');
    await a.phone.sendDtmf('5', { method: 'info' });
    expect(await dtmf).toMatchObject({ digit: '5', durationMs: 160 });
    expect(hub.requests('INFO')[0]?.raw).toContain('Signal=5\r\nDuration=160');
    await a.phone.sendDtmf('#');
    expect(a.media.last.dtmfSent).toEqual(['#']);

    // B hangs up: both ended, with who ended it.
    const aEnded = callReaches(a.phone, 'ended');
    await b.phone.hangup();
    expect((await aEnded).end).toEqual({ reason: 'remote-hangup' });
    expect(a.phone.call).toBeUndefined();
    expect(b.phone.call).toBeUndefined();
    expect(a.media.playing).toBeUndefined();
    expect(hub.requests('BYE')).toHaveLength(1);
  });

  it('a rejected call fails for the caller with the status code', async () => {
    const { a, b } = await lab.twoAgents();
    const incoming = nextEvent(b.phone, 'call:incoming');
    await a.phone.dial('sip:bob@kefu.test');
    await incoming;
    const aEnded = callReaches(a.phone, 'ended');
    const bEnded = callReaches(b.phone, 'ended');
    await b.phone.reject();
    expect((await bEnded).end).toEqual({ reason: 'local-reject', statusCode: 486 });
    expect((await aEnded).end).toMatchObject({ reason: 'remote-reject', statusCode: 486 });
    expect(b.ringtone.ringing).toBe(false);
  });

  it('the caller giving up cancels the ringing call', async () => {
    const { hub, a, b } = await lab.twoAgents();
    const incoming = nextEvent(b.phone, 'call:incoming');
    await a.phone.dial('bob');
    await incoming;
    const bEnded = callReaches(b.phone, 'ended');
    await a.phone.hangup();
    expect(a.phone.call).toBeUndefined();
    expect((await bEnded).end).toEqual({ reason: 'remote-cancel' });
    expect(b.ringtone.ringing).toBe(false);
    expect(hub.requests('CANCEL')).toHaveLength(1);
  });

  it('the caller hanging up an answered call ends it on both sides', async () => {
    const { a, b } = await lab.twoAgents();
    const incoming = nextEvent(b.phone, 'call:incoming');
    await a.phone.dial('bob');
    await incoming;
    await b.phone.answer();
    await callReaches(a.phone, 'active');
    const bEnded = callReaches(b.phone, 'ended');
    await a.phone.hangup();
    expect((await bEnded).end).toEqual({ reason: 'remote-hangup' });
  });

  it('exposes the asserted caller id and the kefu ids for the screen pop', async () => {
    const { hub, a, b } = await lab.twoAgents();
    hub.rewrite = (raw, request) =>
      request.method === 'INVITE' && !request.toTag
        ? addHeaders(raw, [
            'P-Asserted-Identity: "Zhang Wei" <sip:+8613800138000@kefu.test>',
            'X-Kefu-Interaction-Id: 7f9c2b1e-5d4a-4c3b-9a8e-1f2d3c4b5a69',
            'X-Kefu-Call-Id: call-42',
          ])
        : raw;
    const incoming = nextEvent(b.phone, 'call:incoming');
    const dialled = await a.phone.dial('bob');
    const { call } = await incoming;
    expect(call.remote).toEqual({ uri: 'sip:+8613800138000@kefu.test', user: '+8613800138000', displayName: 'Zhang Wei' });
    expect(call.headerIdentity.user).toBe('alice');
    expect(call.interactionId).toBe('7f9c2b1e-5d4a-4c3b-9a8e-1f2d3c4b5a69');
    expect(call.kefuCallId).toBe('call-42');
    expect(call.sipCallId).toBe(dialled.sipCallId);
  });

  it('ignores a malformed X-Kefu header instead of passing it on', async () => {
    const { hub, a, b } = await lab.twoAgents();
    hub.rewrite = (raw, request) =>
      request.method === 'INVITE' ? addHeaders(raw, ['X-Kefu-Interaction-Id: ../../admin?x=<script>']) : raw;
    const incoming = nextEvent(b.phone, 'call:incoming');
    await a.phone.dial('bob');
    const { call } = await incoming;
    expect(call.interactionId).toBeUndefined();
    expect(b.logs.some((l) => l.level === 'warn' && l.message.includes('X-Kefu-Interaction-Id'))).toBe(true);
  });

  it('answers from inside the call:incoming listener (auto-answer)', async () => {
    const { a, b } = await lab.twoAgents();
    b.phone.on('call:incoming', () => void b.phone.answer());
    const aActive = callReaches(a.phone, 'active');
    await a.phone.dial('bob');
    await aActive;
    expect(b.phone.call?.state).toBe('active');
  });

  it('sends 486 to a second caller while a call is up', async () => {
    const [a, b, c] = [lab.agent('alice'), lab.agent('bob'), lab.agent('carol')];
    await Promise.all(lab.phones.map((p) => p.phone.start()));
    const incoming = nextEvent(b.phone, 'call:incoming');
    await a.phone.dial('bob');
    await incoming;
    await b.phone.answer();
    const cEnded = callReaches(c.phone, 'ended');
    await c.phone.dial('bob');
    expect((await cEnded).end).toMatchObject({ reason: 'remote-reject', statusCode: 486 });
    expect(b.phone.call?.state).toBe('active');
    expect(b.phone.call?.remote.user).toBe('alice');
  });

  it('a call to nobody ends with 404', async () => {
    const { a } = await lab.twoAgents();
    const ended = callReaches(a.phone, 'ended');
    await a.phone.dial('+86 (10) 1234-5678');
    const call = await ended;
    expect(call.end).toMatchObject({ reason: 'remote-reject', statusCode: 404 });
    expect(call.remote.uri).toBe('sip:+861012345678@kefu.test');
  });

  it('a second hold while the first is in flight is refused and does not unmute', async () => {
    const { hub, a } = await lab.connectedCall();
    hub.holdBack = (request) => request.method === 'INVITE'; // the far end is slow to see it
    const first = a.phone.hold();
    await expect(a.phone.hold()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(a.media.last).toMatchObject({ sending: false, receiving: false });
    hub.releaseHeld();
    await first;
    expect(a.phone.call?.state).toBe('held');
  });

  it('a throwing listener is logged and does not break the call', async () => {
    const { a, b } = await lab.twoAgents();
    b.phone.on('call:incoming', () => {
      throw new Error('listener bug');
    });
    const incoming = nextEvent(b.phone, 'call:incoming');
    await a.phone.dial('bob');
    await incoming;
    await b.phone.answer();
    await callReaches(a.phone, 'active');
    expect(b.logs.some((l) => l.level === 'error' && l.message === 'A softphone listener threw')).toBe(true);
  });

  it('stop() hangs up the call and unregisters', async () => {
    const { hub, a, b } = await lab.connectedCall();
    const bEnded = callReaches(b.phone, 'ended');
    await a.phone.stop();
    expect((await bEnded).end).toEqual({ reason: 'remote-hangup' });
    expect(a.phone.registrationState).toBe('disconnected');
    expect(hub.isRegistered('alice')).toBe(false);
  });

  it('both agents holding at once: the second fails cleanly and the call goes on', async () => {
    const { hub, a, b } = await lab.connectedCall();
    // A's ACK is slow, so B's re-INVITE starts while A's is still open at B (glare):
    // sip.js refuses to send it after it has already made the offer.
    hub.holdBack = (request) => request.method === 'ACK';
    await a.phone.hold();
    await expect(b.phone.hold()).rejects.toMatchObject({ code: 'REQUEST_FAILED' });
    expect(b.phone.call?.state).toBe('active');
    hub.releaseHeld();
    // The offer B made was taken back, so A's resume is answered as an offer, not mistaken
    // for an answer to B's (what happened against Kamailio before the rollback).
    expect(b.media.last.signalingState).toBe('stable');
    await a.phone.resume();
    expect(a.phone.call?.state).toBe('active');
    expect(b.media.last.signalingState).toBe('stable');
    await b.phone.hold();
    expect(b.phone.call?.state).toBe('held');
  });
});
