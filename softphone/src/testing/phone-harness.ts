import type { SoftphoneConfigInput } from '../config.js';
import type { CallInfo } from '../call-info.js';
import type { CallState } from '../call-state.js';
import type { SoftphoneLogger } from '../logger.js';
import { Softphone, type SoftphoneEvents } from '../softphone.js';
import { FakeMediaEngine, FakeRingtone } from './fake-media.js';
import { FakeSipHub } from './fake-sip-hub.js';
import { FakeTransport } from './fake-transport.js';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly context: Record<string, unknown>;
}

export interface TestPhone {
  readonly user: string;
  readonly phone: Softphone;
  readonly media: FakeMediaEngine;
  readonly ringtone: FakeRingtone;
  readonly logs: LogLine[];
}

export const TEST_PASSWORD = 'pw-secret';

/** A real Softphone (real sip.js protocol code) wired to the hub, with fake media. */
export function createTestPhone(hub: FakeSipHub, user: string, config: Partial<SoftphoneConfigInput> = {}): TestPhone {
  const logs: LogLine[] = [];
  const record =
    (level: LogLine['level']) =>
    (context: Record<string, unknown>, message: string): void => {
      logs.push({ level, message, context });
    };
  const logger: SoftphoneLogger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  const media = new FakeMediaEngine();
  const ringtone = new FakeRingtone();
  const phone = new Softphone(
    {
      uri: `sip:${user}@kefu.test`,
      authorizationUsername: user,
      authorizationPassword: TEST_PASSWORD,
      wsServer: 'wss://hub.invalid/sip',
      displayName: `Agent ${user}`,
      reconnect: { initialDelayMs: 500, maxDelayMs: 8000, jitter: 0 },
      sipLogLevel: 'log',
      ...config,
    },
    { logger, media, ringtone, transport: { transportConstructor: FakeTransport, transportOptions: { hub } } },
  );
  return { user, phone, media, ringtone, logs };
}

/** Resolves with the next `event` payload that passes `accept`. */
export function nextEvent<K extends keyof SoftphoneEvents>(
  phone: Softphone,
  event: K,
  accept: (payload: SoftphoneEvents[K]) => boolean = () => true,
): Promise<SoftphoneEvents[K]> {
  return new Promise((resolve) => {
    const off = phone.on(event, (payload) => {
      if (!accept(payload)) return;
      off();
      resolve(payload);
    });
  });
}

/** Resolves when the phone's call reaches `state`. */
export async function callReaches(phone: Softphone, state: CallState): Promise<CallInfo> {
  if (phone.call?.state === state) return phone.call;
  const { call } = await nextEvent(phone, 'call:state-changed', (e) => e.call.state === state);
  return call;
}

export async function registered(phone: Softphone): Promise<void> {
  if (phone.registrationState === 'registered') return;
  await nextEvent(phone, 'registration:state-changed', (e) => e.state === 'registered');
}

/** A hub and the phones on it, so a test can stop them all afterwards. */
export class PhoneLab {
  readonly hub = new FakeSipHub();
  readonly phones: TestPhone[] = [];

  agent(user: string, config: Partial<SoftphoneConfigInput> = {}): TestPhone {
    const created = createTestPhone(this.hub, user, config);
    this.phones.push(created);
    return created;
  }

  /** alice and bob, each registered with digest credentials. */
  async twoAgents(): Promise<{ hub: FakeSipHub; a: TestPhone; b: TestPhone }> {
    this.hub.addAccount('alice', TEST_PASSWORD);
    this.hub.addAccount('bob', TEST_PASSWORD);
    const a = this.agent('alice');
    const b = this.agent('bob');
    await Promise.all([a.phone.start(), b.phone.start()]);
    return { hub: this.hub, a, b };
  }

  /** alice has called bob and bob answered. */
  async connectedCall(): Promise<{ hub: FakeSipHub; a: TestPhone; b: TestPhone }> {
    const agents = await this.twoAgents();
    const incoming = nextEvent(agents.b.phone, 'call:incoming');
    await agents.a.phone.dial('bob');
    await incoming;
    const aActive = callReaches(agents.a.phone, 'active');
    await agents.b.phone.answer();
    await aActive;
    return agents;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.phones.map((p) => p.phone.stop()));
  }
}
