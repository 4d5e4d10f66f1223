// Real sip.js phones and agent-desk sockets against a test app, closed together after the file.
import { io as ioClient, type Socket } from 'socket.io-client';
import type { SipCredentialsView } from '../../contract/index.js';
import { Softphone } from '../../softphone/src/softphone.js';
import { FakeMediaEngine, FakeRingtone } from '../../softphone/src/testing/fake-media.js';
import type { ApiClient } from './test-app.js';

export class CallHarness {
  private readonly phones: Softphone[] = [];
  private readonly sockets: Socket[] = [];

  constructor(private readonly baseUrl: () => string) {}

  /** A softphone with the server's credentials; media faked (no WebRTC in Node), no auto-reconnect. */
  phone(creds: SipCredentialsView, media = new FakeMediaEngine()): Softphone {
    const p = new Softphone(
      { ...creds, iceGatheringTimeoutMs: 0, reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 }, sipLogLevel: 'error' },
      { media, ringtone: new FakeRingtone() },
    );
    this.phones.push(p);
    return p;
  }

  /** The agent desk's socket for a signed-in client, once the server says it is ready. */
  async desk(client: ApiClient): Promise<Socket> {
    const socket = ioClient(this.baseUrl(), { transports: ['websocket'], extraHeaders: { cookie: client.cookie! }, reconnection: false });
    this.sockets.push(socket);
    await new Promise((r) => socket.once('session:ready', r));
    return socket;
  }

  async close(): Promise<void> {
    await Promise.all(this.phones.map((p) => p.stop().catch(() => {})));
    for (const s of this.sockets) s.close();
  }
}
