import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SipCredentialsView } from '@kefu/contract';
import type { Softphone } from '@kefu/softphone';
import { PhoneLifecycle, retryDelay, type PhoneListener, type RetryPolicy } from './phone-lifecycle.js';

const CREDENTIALS: SipCredentialsView = {
  uri: 'sip:1001@kefu.local',
  authorizationUsername: '1001',
  authorizationPassword: 'secret',
  wsServer: '/sip',
  displayName: 'Agent',
} as SipCredentialsView;

/** Enough of a softphone to drive the life-cycle: events in, start and dispose counted. */
class FakePhone {
  readonly handlers = new Map<string, (payload: unknown) => void>();
  registrationState = 'disconnected';
  starts = 0;
  disposed = false;
  on(event: string, fn: (payload: unknown) => void) {
    this.handlers.set(event, fn);
  }
  emit(event: string, payload: unknown) {
    this.handlers.get(event)?.(payload);
  }
  async start() {
    this.starts++;
  }
  async dispose() {
    this.disposed = true;
  }
}

function setUp(opts: { credentials?: () => Promise<SipCredentialsView>; retry?: Partial<RetryPolicy> } = {}) {
  const phones: FakePhone[] = [];
  const heard: string[] = [];
  const problems: unknown[] = [];
  const listener: PhoneListener = {
    registration: (state) => heard.push(`registration:${state}`),
    callState: (call) => heard.push(`call:${call.id}`),
  };
  const life = new PhoneLifecycle({
    credentials: opts.credentials ?? (async () => CREDENTIALS),
    listener,
    problem: (e) => problems.push(e),
    retry: opts.retry ? { minMs: 1_000, maxMs: 8_000, allowed: () => true, final: () => false, ...opts.retry } : undefined,
    create: () => {
      const p = new FakePhone();
      phones.push(p);
      return p as unknown as Softphone;
    },
  });
  return { life, phones, heard, problems };
}

describe('the phone life-cycle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('drops the events of a phone it has replaced, and disposes of it', async () => {
    const { life, phones, heard } = setUp();
    await life.open();
    await life.open();
    expect(phones[0]!.disposed).toBe(true);
    phones[0]!.emit('call:state-changed', { call: { id: 'old' } });
    phones[1]!.emit('call:state-changed', { call: { id: 'new' } });
    expect(heard).toEqual(['call:new']);
    expect(life.phone).toBe(phones[1]);
  });

  it('after close hears nothing more from the phone it had', async () => {
    const { life, phones, heard } = setUp();
    await life.open();
    await life.close();
    phones[0]!.emit('registration:state-changed', { state: 'registered', error: undefined });
    expect(heard).toEqual([]);
    expect(phones[0]!.disposed).toBe(true);
    expect(life.phone).toBeNull();
  });

  it('gives up an open overtaken by a close, so no phone is left registered', async () => {
    let release!: (c: SipCredentialsView) => void;
    const { life, phones } = setUp({ credentials: () => new Promise((resolve) => (release = resolve)) });
    const opening = life.open();
    const closing = life.close();
    release(CREDENTIALS);
    expect(await opening).toBeNull();
    await closing;
    expect(phones).toEqual([]);
    expect(life.phone).toBeNull();
  });

  it('starts the phone it opened', async () => {
    const { life, phones, heard } = setUp();
    await life.start();
    expect(phones[0]!.starts).toBe(1);
    expect(heard).toEqual(['registration:disconnected']);
  });

  it('tries again, later each time, when the account cannot be had', async () => {
    let calls = 0;
    const { life, problems } = setUp({
      credentials: async () => {
        calls++;
        throw new Error('server down');
      },
      retry: {},
    });
    await life.start();
    expect(problems).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(3);
  });

  it('does not retry a refusal that is final, nor while the phone is busy', async () => {
    let calls = 0;
    const failing = async () => {
      calls++;
      throw new Error('forbidden');
    };
    const final = setUp({ credentials: failing, retry: { final: () => true } });
    await final.life.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);

    calls = 0;
    const busy = setUp({ credentials: failing, retry: { allowed: () => false } });
    await busy.life.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
  });

  it('fetches a fresh account when the registrar refuses the phone', async () => {
    const { life, phones } = setUp({ retry: {} });
    await life.start();
    phones[0]!.emit('registration:state-changed', { state: 'failed', error: undefined });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(phones).toHaveLength(2);
    expect(phones[0]!.disposed).toBe(true);
    expect(phones[1]!.starts).toBe(1);
  });

  it('stops retrying once closed', async () => {
    const { life, phones } = setUp({ retry: {} });
    await life.start();
    phones[0]!.emit('registration:state-changed', { state: 'failed', error: undefined });
    await life.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(phones).toHaveLength(1);
  });
});

describe('retry delays', () => {
  it('double from the minimum and stop at the maximum', () => {
    expect([0, 1, 2, 3].map((n) => retryDelay(n, 2_000, 60_000))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(retryDelay(5, 2_000, 60_000)).toBe(60_000);
    expect(retryDelay(50, 2_000, 60_000)).toBe(60_000);
  });
});
