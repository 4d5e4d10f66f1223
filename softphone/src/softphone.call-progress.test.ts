import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProvisionalResponse } from './call-info.js';
import { callReaches, nextEvent, PhoneLab } from './testing/phone-harness.js';

// What the caller hears before the answer: the switch queues the call (182 Queued) and the
// callee's phone rings (180 Ringing). The state is `ringing-out` for both; the provisional
// response tells them apart.

let lab: PhoneLab;

beforeEach(() => {
  lab = new PhoneLab();
});

afterEach(async () => {
  await lab.stopAll();
});

describe('provisional responses on an outgoing call', () => {
  it('a call that is queued, then rings, then is answered reports 182 and then 180', async () => {
    const { hub, a, b } = await lab.twoAgents();
    const initialInvite = (request: { method: string; toTag: string | undefined }): boolean =>
      request.method === 'INVITE' && !request.toTag;
    // The switch queues the call at once and rings bob only later (when an agent is free).
    hub.provisional = (request) => (initialInvite(request) ? { status: 182, reason: 'Queued' } : undefined);
    hub.holdBack = initialInvite;
    const heard: ProvisionalResponse[] = [];
    a.phone.on('call:progress', ({ response }) => heard.push(response));

    const queued = callReaches(a.phone, 'ringing-out');
    await a.phone.dial('bob');
    expect((await queued).lastProvisional).toEqual({ statusCode: 182, reasonPhrase: 'Queued' });
    expect(heard).toEqual([{ statusCode: 182, reasonPhrase: 'Queued' }]);

    // bob's phone rings: no state change for alice, but a progress event with the 180.
    const ringing = nextEvent(a.phone, 'call:progress', (e) => e.response.statusCode === 180);
    hub.releaseHeld();
    const { call } = await ringing;
    expect(call).toMatchObject({ state: 'ringing-out', lastProvisional: { statusCode: 180, reasonPhrase: 'Ringing' } });
    expect(a.phone.call?.lastProvisional).toEqual({ statusCode: 180, reasonPhrase: 'Ringing' });

    const answered = callReaches(a.phone, 'active');
    await callReaches(b.phone, 'incoming');
    expect(b.phone.call?.lastProvisional).toBeUndefined(); // inbound calls get none
    await b.phone.answer();
    await answered;
    expect(heard.map((r) => r.statusCode)).toEqual([182, 180]);
  });

  it('a plain call to a phone reports its 180 Ringing', async () => {
    const { a } = await lab.twoAgents();
    const ringing = nextEvent(a.phone, 'call:progress');
    const dialled = await a.phone.dial('bob');
    expect(dialled.lastProvisional).toBeUndefined(); // nothing heard yet when the INVITE leaves
    expect(await ringing).toMatchObject({
      call: { state: 'ringing-out' },
      response: { statusCode: 180, reasonPhrase: 'Ringing' },
    });
  });
});
