import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SoftphoneEvents } from './softphone.js';
import { SoftphoneError } from './softphone-error.js';
import type { FakeSipHub } from './testing/fake-sip-hub.js';
import { callReaches, nextEvent, PhoneLab } from './testing/phone-harness.js';

// The far end refusing our hold or resume re-INVITE. RFC 3261 14.1: a refused re-INVITE
// leaves the session as it was, so the call goes on in the hold state it had; only 481 and
// 408 (12.2.1.2) mean the dialog is gone and end it.

let lab: PhoneLab;

beforeEach(() => {
  lab = new PhoneLab();
});

afterEach(async () => {
  await lab.stopAll();
});

/** The switch answers every re-INVITE (an INVITE inside the dialog) with this status. */
function refuseReinvites(hub: FakeSipHub, status: number, reason: string): void {
  hub.intercept = (request) => (request.method === 'INVITE' && request.toTag ? { status, reason } : undefined);
}

describe('a refused hold or resume', () => {
  it.each([
    [488, 'Not Acceptable Here'],
    [491, 'Request Pending'],
    [500, 'Server Internal Error'],
  ])('hold refused with %i: the call stays active with media back on, and says hold failed', async (status, reason) => {
    const { hub, a, b } = await lab.connectedCall();
    refuseReinvites(hub, status, reason);
    const failed = nextEvent(a.phone, 'call:hold-failed');

    const error = await a.phone.hold().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SoftphoneError);
    expect(error).toMatchObject({ code: 'REQUEST_FAILED', statusCode: status });
    const event: SoftphoneEvents['call:hold-failed'] = await failed;
    expect(event).toMatchObject({ action: 'hold', call: { state: 'active' }, error: { statusCode: status } });
    expect(a.phone.call?.state).toBe('active');
    expect(a.media.last).toMatchObject({ sending: true, receiving: true, signalingState: 'stable' });
    expect(a.media.playing).toBe(a.media.last);
    expect(b.phone.call?.state).toBe('active');
    expect(hub.requests('BYE')).toHaveLength(0);

    // Once the far end agrees, the same call can be held.
    hub.intercept = undefined;
    await a.phone.hold();
    expect(a.phone.call?.state).toBe('held');
  });

  it('resume refused with 491: the call stays held and silent, and says resume failed', async () => {
    const { hub, a, b } = await lab.connectedCall();
    await a.phone.hold();
    refuseReinvites(hub, 491, 'Request Pending');
    const failed = nextEvent(a.phone, 'call:hold-failed');

    await expect(a.phone.resume()).rejects.toMatchObject({ code: 'REQUEST_FAILED', statusCode: 491 });

    expect(await failed).toMatchObject({ action: 'resume', call: { state: 'held' }, error: { statusCode: 491 } });
    expect(a.phone.call?.state).toBe('held');
    expect(a.media.last).toMatchObject({ sending: false, receiving: false, signalingState: 'stable' });
    expect(b.phone.call?.state).toBe('active');

    // The next offer still asks for hold until a resume is accepted.
    hub.intercept = undefined;
    await a.phone.resume();
    expect(a.phone.call?.state).toBe('active');
    expect(hub.requests('INVITE').at(-1)?.raw).toContain('a=sendrecv');
    expect(a.media.last).toMatchObject({ sending: true, receiving: true });
  });

  it('a refused hold keeps the microphone muted if it was', async () => {
    const { hub, a } = await lab.connectedCall();
    a.phone.mute();
    refuseReinvites(hub, 488, 'Not Acceptable Here');
    await expect(a.phone.hold()).rejects.toMatchObject({ statusCode: 488 });
    expect(a.phone.call).toMatchObject({ state: 'active', muted: true });
    expect(a.media.last).toMatchObject({ sending: false, receiving: true });
  });

  it.each([
    ['hold', 481, 'Call/Transaction Does Not Exist'],
    ['resume', 408, 'Request Timeout'],
  ] as const)('%s answered %i: the dialog is gone, so the call ends', async (action, status, reason) => {
    const { hub, a, b } = await lab.connectedCall();
    if (action === 'resume') await a.phone.hold();
    refuseReinvites(hub, status, reason);
    const failed = nextEvent(a.phone, 'call:hold-failed');
    const ended = callReaches(a.phone, 'ended');
    const bEnded = callReaches(b.phone, 'ended');

    await expect(action === 'hold' ? a.phone.hold() : a.phone.resume()).rejects.toMatchObject({
      code: 'REQUEST_FAILED',
      statusCode: status,
    });

    expect((await ended).end).toEqual({ reason: 'failed', statusCode: status });
    expect(await failed).toMatchObject({ action, call: { state: 'ended' }, error: { statusCode: status } });
    expect(a.phone.call).toBeUndefined();
    expect(a.media.playing).toBeUndefined();
    // A BYE goes out all the same, for a far end that still has the call after a timeout.
    expect(hub.requests('BYE')).toHaveLength(1);
    expect((await bEnded).end).toEqual({ reason: 'remote-hangup' });
  });
});
