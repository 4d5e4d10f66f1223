// A real Softphone (sip.js) registered straight against a switch's WebSocket, with fake media:
// for switch tests that need a phone behaving exactly like the console's.
import type { SipAccount } from '../../server/src/switch/ports.js';
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
