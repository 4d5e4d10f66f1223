import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callReaches, nextEvent, PhoneLab } from './testing/phone-harness.js';

// An agent who answers and presses Hold at once: the hold re-INVITE must not overtake the
// caller's ACK for our 200 OK (RFC 5407), or sip.js ends the call. Hold waits for the ACK.

let lab: PhoneLab;
beforeEach(() => {
  lab = new PhoneLab();
});
afterEach(async () => {
  await lab.stopAll();
});

describe('hold right after answering', () => {
  it('waits for the caller\'s ACK before sending the re-INVITE, then holds the call', async () => {
    const { hub, a, b } = await lab.twoAgents();
    const incoming = nextEvent(b.phone, 'call:incoming');
    await a.phone.dial('bob');
    await incoming;
    hub.holdBack = (request) => request.method === 'ACK';
    await b.phone.answer();
    const holding = b.phone.hold();
    await new Promise((r) => setTimeout(r, 300));
    expect(hub.requests('INVITE')).toHaveLength(1); // only the call itself so far
    hub.releaseHeld();
    await holding;
    expect(hub.requests('INVITE')).toHaveLength(2);
    expect(b.phone.call?.state).toBe('held');
    await callReaches(a.phone, 'active');
  });
});
