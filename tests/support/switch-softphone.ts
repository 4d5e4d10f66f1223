// A real Softphone (sip.js) registered straight against a switch's WebSocket, with fake media:
// for switch tests that need a phone behaving exactly like the console's.
import { expect } from 'vitest';
import type { SipAccount } from '../../server/src/switch/ports.js';
import type { SipSwitch } from '../../server/src/switch/switch.js';
import type { RecordingEvents } from '../../server/src/switch/testing/recording-events.js';
import { callReaches, nextEvent } from '../../softphone/src/testing/phone-harness.js';
import { Softphone } from '../../softphone/src/softphone.js';
import { FakeMediaEngine, FakeRingtone } from '../../softphone/src/testing/fake-media.js';

export function switchSoftphone(account: SipAccount, wsServer: string, domain: string): { phone: Softphone; media: FakeMediaEngine } {
  const media = new FakeMediaEngine();
  const phone = new Softphone(
    {
      uri: `sip:${account.username}@${domain}`,
      authorizationUsername: account.username,
      authorizationPassword: account.password,
      wsServer,
      displayName: account.displayName,
      iceGatheringTimeoutMs: 0,
      // No automatic reconnect within a test: a drop must show, not be papered over.
      reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 },
      sipLogLevel: 'error',
    },
    { media, ringtone: new FakeRingtone() },
  );
  return { phone, media };
}

/**
 * The proof a switch still serves after an attack: an agent's phone and a caller's register, the
 * caller dials the queue, the offer rings the agent, and the answer bridges the call. `phoneFor`
 * makes (and arranges to stop) a registered phone for an account.
 */
export async function legitimateCallConnects(
  sw: SipSwitch,
  events: RecordingEvents,
  phoneFor: (account: SipAccount) => { phone: Softphone },
): Promise<void> {
  const agentPhone = phoneFor(sw.accounts.issue({ username: '1001', userId: 7, displayName: 'Agent' }));
  const caller = phoneFor(sw.accounts.issue({ username: '+8613800138000', userId: null, displayName: 'Customer' }));
  await Promise.all([agentPhone.phone.start(), caller.phone.start()]);
  const before = events.named('queueCallArrived').length;
  await caller.phone.dial('support');
  await events.waitFor('queueCallArrived', () => events.named('queueCallArrived').length > before);
  const callId = (events.named('queueCallArrived').at(-1)!.args[0] as { callId: string }).callId;
  const ring = nextEvent(agentPhone.phone, 'call:incoming');
  expect(sw.control.offer(callId, 7, { interactionId: 9 })).toBe(true);
  await ring;
  const active = callReaches(caller.phone, 'active');
  await agentPhone.phone.answer();
  await active;
}
