// The server's pushes and the softphone's SIP events arrive in either order; these are the
// rules that turn them into the one call the desk shows.
import { describe, expect, it } from 'vitest';
import type { CallEndedEvent, LiveCallView } from '@kefu/contract';
import type { CallInfo } from '@kefu/softphone';
import * as r from './call-reconciliation.js';

const NOW = Date.parse('2026-11-26T09:00:00Z');

function offer(over: Partial<LiveCallView> = {}): LiveCallView {
  return {
    callId: 'call-1',
    interactionId: 41,
    queueName: 'support',
    callerNumber: '+8613800138000',
    state: 'ringing',
    offeredAt: new Date(NOW).toISOString(),
    answeredAt: null,
    ringSeconds: 20,
    screenPop: { callerNumber: '+8613800138000', normalizedPhone: '+8613800138000', matches: [], primary: null },
    ...over,
  };
}

function sip(over: Partial<CallInfo> = {}): CallInfo {
  return {
    id: 'sip-1',
    direction: 'inbound',
    state: 'incoming',
    muted: false,
    remote: { uri: 'sip:+8613800138000@kefu.local', user: '+8613800138000', displayName: undefined },
    headerIdentity: { uri: 'sip:+8613800138000@kefu.local', user: '+8613800138000', displayName: undefined },
    assertedIdentity: undefined,
    sipCallId: 'abc@host',
    interactionId: '41',
    kefuCallId: 'call-1',
    startedAt: NOW,
    answeredAt: undefined,
    endedAt: undefined,
    end: undefined,
    lastProvisional: undefined,
    ...over,
  } as CallInfo;
}

const endedEvent = (over: Partial<CallEndedEvent> = {}): CallEndedEvent => ({ callId: 'call-1', interactionId: 41, endReason: 'completed', ...over });

describe('an offer and its INVITE', () => {
  it('matches the INVITE to the offer by the interaction id the switch put on it', () => {
    const p = r.offered(r.NO_CALL, offer());
    expect(r.matchesOffer(p, sip())).toBe(true);
    expect(r.matchesOffer(p, sip({ interactionId: '99' }))).toBe(false);
  });

  it('takes an untagged INVITE for the offer that is ringing, but not for one already answered', () => {
    const untagged = sip({ interactionId: undefined, kefuCallId: undefined });
    expect(r.matchesOffer(r.offered(r.NO_CALL, offer()), untagged)).toBe(true);
    expect(r.matchesOffer(r.offered(r.NO_CALL, offer({ state: 'talking' })), untagged)).toBe(false);
  });

  it('does not match an offer that has ended', () => {
    const p = r.ended(r.offered(r.NO_CALL, offer()), endedEvent())!;
    expect(r.matchesOffer(p, sip())).toBe(false);
  });

  it('clears what the previous call left on screen when the next offer arrives', () => {
    const p: r.CallPicture = {
      call: null,
      ended: endedEvent({ callId: 'call-0' }),
      withdrawn: { caller: '+86 1', reason: 'timeout' },
      softphoneCall: null,
      lastSoftphoneCall: sip({ state: 'ended' }),
    };
    const next = r.offered(p, offer({ callId: 'call-2', interactionId: 42 }));
    expect(next).toMatchObject({ withdrawn: null, ended: null, lastSoftphoneCall: null, call: { callId: 'call-2' } });
  });

  it('the INVITE ringing before the push knows its interaction from its header', () => {
    const p = r.sipChanged(r.ringing(r.NO_CALL), sip())!;
    expect(r.interactionId(p, null)).toBe(41);
  });
});

describe('an INVITE nobody offered over the socket', () => {
  it('drops a different server call and lets the page look the pop up', () => {
    const ringingHere = sip({ interactionId: undefined, kefuCallId: 'direct-7' });
    let p = r.offered(r.NO_CALL, offer({ state: 'talking' }));
    p = r.sipChanged(p, ringingHere)!;
    const next = r.unoffered(p, ringingHere);
    expect(next?.call).toBeNull();
  });

  it('keeps the server call when it is this very call', () => {
    const direct = offer({ callId: 'direct-7', state: 'talking' });
    const ringingHere = sip({ interactionId: undefined, kefuCallId: 'direct-7' });
    const p = r.sipChanged(r.offered(r.NO_CALL, direct), ringingHere)!;
    expect(r.unoffered(p, ringingHere)?.call).toBe(direct);
  });

  it('does nothing when the offer came in the grace time, or the call stopped ringing here', () => {
    const p = r.sipChanged(r.offered(r.NO_CALL, offer()), sip())!;
    expect(r.unoffered(p, sip())).toBeNull();
    expect(r.unoffered(r.NO_CALL, sip())).toBeNull();
  });
});

describe('pushes about another call', () => {
  it('ignores a withdrawal or an end of a call that is not on screen', () => {
    const p = r.offered(r.NO_CALL, offer());
    expect(r.withdrawn(p, 'call-9', 'timeout', 'x')).toBeNull();
    expect(r.ended(p, endedEvent({ callId: 'call-9' }))).toBeNull();
  });

  it('ignores the end of a SIP call other than the one up here', () => {
    const p = r.sipChanged(r.NO_CALL, sip({ state: 'active' }))!;
    expect(r.sipChanged(p, sip({ id: 'sip-2', state: 'ended' }))).toBeNull();
  });

  it('an update for a new call says so, so its pop choices start afresh', () => {
    const p = r.ended(r.offered(r.NO_CALL, offer()), endedEvent())!;
    const moved = r.updated(p, offer({ callId: 'call-2', state: 'talking' }));
    expect(moved.newCall).toBe(true);
    expect(moved.picture.ended).toBeNull();
    expect(r.updated(moved.picture, offer({ callId: 'call-2', state: 'held' })).newCall).toBe(false);
  });
});

describe('a withdrawn offer', () => {
  it('remembers who called and why, and leaves nothing to note', () => {
    const p = r.withdrawn(r.offered(r.NO_CALL, offer()), 'call-1', 'caller_left', '张伟 (+8613800138000)')!;
    expect(p.call).toBeNull();
    expect(p.withdrawn).toEqual({ caller: '张伟 (+8613800138000)', reason: 'caller_left' });
    expect(r.interactionId(p, null)).toBeNull();
    expect(r.phase(p)).toEqual({ kind: 'withdrawn', withdrawn: p.withdrawn });
  });
});

describe('the snapshot at connect', () => {
  it('brings back the call after a reload', () => {
    const moved = r.snapshot(r.NO_CALL, offer({ state: 'talking' }));
    expect(moved).toMatchObject({ newCall: true, picture: { call: { callId: 'call-1' } } });
  });

  it('ends a call that ended while the page was not listening', () => {
    const p = r.offered(r.NO_CALL, offer({ state: 'talking' }));
    expect(r.snapshot(p, null).picture.call).toBeNull();
  });

  it('keeps an ended call on screen for its notes, and a call still up in this browser', () => {
    const ended = r.ended(r.offered(r.NO_CALL, offer()), endedEvent())!;
    expect(r.snapshot(ended, null).picture).toBe(ended);
    const upHere = r.sipChanged(r.offered(r.NO_CALL, offer()), sip({ state: 'active' }))!;
    expect(r.snapshot(upHere, null).picture).toBe(upHere);
  });
});

describe('the interaction on screen', () => {
  it('stays on the ended call for its notes and wrap-up', () => {
    let p = r.sipChanged(r.offered(r.NO_CALL, offer()), sip({ state: 'active' }))!;
    p = r.sipChanged(p, sip({ state: 'ended' }))!;
    p = r.ended(p, endedEvent())!;
    expect(r.interactionId(p, null)).toBe(41);
  });

  it('finds a dialled call by its call id when the response carried no interaction', () => {
    const out = sip({ direction: 'outbound', state: 'dialing', interactionId: undefined, kefuCallId: 'call-5' });
    const p = r.dialled(r.dialling(r.NO_CALL), out);
    expect(r.interactionId(p, null)).toBeNull();
    const known = r.updated(p, offer({ callId: 'call-5', interactionId: 55, state: 'talking' })).picture;
    expect(r.interactionOf(known, out)).toBe(55);
  });

  it('finds the follow-up call\'s interaction by its SIP call, also after it ended', () => {
    let p = r.sipChanged(r.NO_CALL, sip({ id: 'out-1', direction: 'outbound', state: 'active', interactionId: '60' }))!;
    expect(r.interactionOfSipCall(p, 'out-1')).toBe(60);
    p = r.sipChanged(p, sip({ id: 'out-1', direction: 'outbound', state: 'ended', interactionId: '60' }))!;
    expect(r.interactionOfSipCall(p, 'out-1')).toBe(60);
    expect(r.interactionOfSipCall(p, 'other')).toBeNull();
  });

  it('falls back to the call in wrap-up found in today\'s calls', () => {
    expect(r.interactionId(r.NO_CALL, 77)).toBe(77);
  });

  it('cannot be linked to a case while it only rings', () => {
    const ringing = r.sipChanged(r.offered(r.NO_CALL, offer()), sip())!;
    expect(r.canLink(ringing, 41)).toBe(false);
    expect(r.canLink(r.offered(r.NO_CALL, offer()), 41)).toBe(false);
    const answered = r.sipChanged(ringing, sip({ state: 'active' }))!;
    expect(r.canLink(answered, 41)).toBe(true);
  });
});

describe('dialling out', () => {
  it('clears the screen, and a state change that came first is not overwritten by a stale dial', () => {
    const p = r.dialling(r.ended(r.offered(r.NO_CALL, offer()), endedEvent())!);
    expect(p).toEqual(r.NO_CALL);
    const ringingOut = r.sipChanged(p, sip({ id: 'out-1', state: 'ringing-out', direction: 'outbound' }))!;
    expect(r.dialled(ringingOut, sip({ id: 'out-1', state: 'dialing' })).softphoneCall?.state).toBe('dialing');
    expect(r.dialled(ringingOut, sip({ id: 'other', state: 'dialing' }))).toBe(ringingOut);
  });
});

describe('what the desk shows', () => {
  it('tells where the call stands, the SIP call first', () => {
    const offered = r.offered(r.NO_CALL, offer());
    expect(r.phase(offered)).toEqual({ kind: 'offered' });
    expect(r.phase(r.offered(r.NO_CALL, offer({ state: 'talking' })))).toEqual({ kind: 'elsewhere' });
    expect(r.phase(r.sipChanged(offered, sip({ state: 'held' }))!)).toEqual({ kind: 'sip', state: 'held' });
    expect(r.phase(r.ended(offered, endedEvent({ endReason: 'abandoned' }))!)).toEqual({ kind: 'ended', endReason: 'abandoned' });
    expect(r.phase(r.NO_CALL)).toEqual({ kind: 'idle' });
  });

  it('counts talk time from the SIP answer, or the server\'s while the call is up elsewhere', () => {
    const up = r.sipChanged(r.NO_CALL, sip({ state: 'active', answeredAt: NOW - 65_000 }))!;
    expect(r.talkMs(up, NOW)).toBe(65_000);
    const elsewhere = r.offered(r.NO_CALL, offer({ state: 'talking', answeredAt: new Date(NOW - 10_000).toISOString() }));
    expect(r.talkMs(elsewhere, NOW)).toBe(10_000);
    expect(r.talkMs(r.ended(elsewhere, endedEvent())!, NOW)).toBeNull();
    expect(r.talkMs(r.offered(r.NO_CALL, offer()), NOW)).toBeNull();
  });

  it('counts ringing time only while the call rings here', () => {
    expect(r.ringMs(r.sipChanged(r.NO_CALL, sip({ startedAt: NOW - 3_000 }))!, NOW)).toBe(3_000);
    expect(r.ringMs(r.sipChanged(r.NO_CALL, sip({ state: 'active' }))!, NOW)).toBeNull();
  });

  it('names the number of the SIP call, else the server\'s, else the last call\'s', () => {
    const other = sip({ remote: { uri: 'sip:+85291234567@kefu.local', user: '+85291234567', displayName: undefined } });
    expect(r.callerNumber(r.sipChanged(r.offered(r.NO_CALL, offer()), other)!, null)).toBe('+85291234567');
    expect(r.callerNumber(r.offered(r.NO_CALL, offer()), null)).toBe('+8613800138000');
    expect(r.callerNumber(r.NO_CALL, null)).toBe('');
  });

  it('keeps the bar on other pages while a call rings or is up, not after it ended', () => {
    const offered = r.offered(r.NO_CALL, offer());
    expect(r.onScreen(offered)).toBe(true);
    expect(r.onScreen(r.ended(offered, endedEvent())!)).toBe(false);
  });
});

describe('ids from SIP headers', () => {
  it('reads only whole numbers', () => {
    expect(r.parseId('41')).toBe(41);
    expect(r.parseId('4.1')).toBeNull();
    expect(r.parseId('')).toBeNull();
    expect(r.parseId(undefined)).toBeNull();
    expect(r.parseId('1234567890123456')).toBeNull();
  });
});
