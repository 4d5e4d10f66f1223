import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegistrationState } from './registration-state.js';
import type { SoftphoneEvents } from './softphone.js';
import { callReaches, nextEvent, PhoneLab, registered, TEST_PASSWORD, type TestPhone } from './testing/phone-harness.js';

// Registration and recovery, on fake timers so backoff delays are exact and instant.

let lab: PhoneLab;

beforeEach(() => {
  vi.useFakeTimers();
  lab = new PhoneLab();
});

afterEach(async () => {
  await lab.stopAll();
  vi.useRealTimers();
});

function recordStates(phone: TestPhone): RegistrationState[] {
  const states: RegistrationState[] = [phone.phone.registrationState];
  phone.phone.on('registration:state-changed', (e) => states.push(e.state));
  return states;
}

function recordRetries(phone: TestPhone): SoftphoneEvents['registration:retry-scheduled'][] {
  const retries: SoftphoneEvents['registration:retry-scheduled'][] = [];
  phone.phone.on('registration:retry-scheduled', (e) => retries.push(e));
  return retries;
}

describe('registration', () => {
  it('registers with digest credentials', async () => {
    const hub = lab.hub;
    hub.addAccount('alice', TEST_PASSWORD);
    const a = lab.agent('alice');
    const states = recordStates(a);
    await a.phone.start();
    expect(states).toEqual(['disconnected', 'connecting', 'registering', 'registered']);
    expect(hub.isRegistered('alice')).toBe(true);
    // The first REGISTER is challenged, the second carries the answer.
    expect(hub.trace.filter((e) => e.cseqMethod === 'REGISTER').map((e) => e.kind)).toEqual(['REGISTER', '401', 'REGISTER', '200']);
    expect(a.logs.map((l) => JSON.stringify(l))).not.toContainEqual(expect.stringContaining(TEST_PASSWORD));
  });

  it('a wrong password fails for good, with an error event and no retries', async () => {
    const hub = lab.hub;
    hub.addAccount('alice', 'the-real-password');
    const a = lab.agent('alice');
    const states = recordStates(a);
    const errors: SoftphoneEvents['error'][] = [];
    a.phone.on('error', (e) => errors.push(e));
    await expect(a.phone.start()).rejects.toMatchObject({ code: 'REGISTRATION_REJECTED', statusCode: 401 });
    expect(states).toEqual(['disconnected', 'connecting', 'registering', 'failed']);
    expect(errors.map((e) => e.error.code)).toEqual(['REGISTRATION_REJECTED']);
    const registers = hub.requests('REGISTER').length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(hub.requests('REGISTER')).toHaveLength(registers);
    expect(a.phone.registrationState).toBe('failed');
    // start() is allowed again from failed, e.g. once the account is fixed on the server
    hub.addAccount('alice', TEST_PASSWORD);
    await a.phone.start();
    expect(a.phone.registrationState).toBe('registered');
  });

  it('retries a REGISTER refused with 503 after a backoff delay', async () => {
    const hub = lab.hub;
    hub.intercept = (request) => (request.method === 'REGISTER' ? { status: 503, reason: 'Service Unavailable' } : undefined);
    const a = lab.agent('alice');
    const retries = recordRetries(a);
    const started = a.phone.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.phone.registrationState).toBe('registering');
    expect(retries).toEqual([{ attempt: 1, delayMs: 500, reason: 'registration' }]);
    await vi.advanceTimersByTimeAsync(500);
    expect(retries.at(-1)).toEqual({ attempt: 2, delayMs: 1000, reason: 'registration' });
    hub.intercept = undefined;
    await vi.advanceTimersByTimeAsync(1000);
    await started;
    expect(a.phone.registrationState).toBe('registered');
  });

  it('keeps trying to connect with a bounded backoff while the server is down', async () => {
    const hub = lab.hub;
    hub.acceptConnections = false;
    const a = lab.agent('alice');
    const states = recordStates(a);
    const retries = recordRetries(a);
    const started = a.phone.start();
    await vi.advanceTimersByTimeAsync(0);
    for (const delay of [500, 1000, 2000, 4000, 8000, 8000]) await vi.advanceTimersByTimeAsync(delay);
    expect(retries.map((r) => r.delayMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(states).toEqual(['disconnected', 'connecting', 'reconnecting']);
    hub.acceptConnections = true;
    await vi.advanceTimersByTimeAsync(8000);
    await started;
    expect(states).toEqual(['disconnected', 'connecting', 'reconnecting', 'registering', 'registered']);
  });

  it('reconnects and registers again after the WebSocket drops', async () => {
    const hub = lab.hub;
    const a = lab.agent('alice');
    await a.phone.start();
    const states = recordStates(a);
    const retries = recordRetries(a);
    hub.dropConnection('alice');
    expect(a.phone.registrationState).toBe('reconnecting');
    expect(hub.isRegistered('alice')).toBe(false);
    await expect(a.phone.dial('bob')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    await vi.advanceTimersByTimeAsync(500);
    expect(states).toEqual(['registered', 'reconnecting', 'registering', 'registered']);
    expect(retries).toEqual([{ attempt: 1, delayMs: 500, reason: 'transport' }]);
    expect(hub.isRegistered('alice')).toBe(true);
    // A second outage starts the backoff from the beginning again.
    hub.dropConnection('alice');
    await vi.advanceTimersByTimeAsync(500);
    expect(a.phone.registrationState).toBe('registered');
  });

  it('renews the registration before it expires, and recovers when a renewal is refused', async () => {
    const hub = lab.hub;
    const a = lab.agent('alice', { registerExpiresSeconds: 60 });
    await a.phone.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(hub.requests('REGISTER').length).toBeGreaterThanOrEqual(2);
    expect(a.phone.registrationState).toBe('registered');
    const states = recordStates(a);
    hub.intercept = (request) => (request.method === 'REGISTER' ? { status: 500, reason: 'Server Error' } : undefined);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(states.slice(0, 2)).toEqual(['registered', 'registering']);
    hub.intercept = undefined;
    await vi.advanceTimersByTimeAsync(8000);
    expect(a.phone.registrationState).toBe('registered');
  });

  it('stop() while reconnecting ends the retries', async () => {
    const hub = lab.hub;
    const a = lab.agent('alice');
    await a.phone.start();
    hub.dropConnection('alice');
    hub.acceptConnections = false;
    await vi.advanceTimersByTimeAsync(500);
    await a.phone.stop();
    expect(a.phone.registrationState).toBe('disconnected');
    hub.acceptConnections = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(hub.isRegistered('alice')).toBe(false);
  });

  it('stop() before the phone registered rejects start() with STOPPED', async () => {
    const hub = lab.hub;
    hub.acceptConnections = false;
    const a = lab.agent('alice');
    const started = a.phone.start();
    await a.phone.stop();
    await expect(started).rejects.toMatchObject({ code: 'STOPPED' });
    // and the phone can be started again, with a fresh user agent
    hub.acceptConnections = true;
    await a.phone.start();
    expect(a.phone.registrationState).toBe('registered');
  });

  it('refuses start() twice', async () => {
    const hub = lab.hub;
    const a = lab.agent('alice');
    await a.phone.start();
    expect(() => a.phone.start()).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION', machine: 'registration' }));
  });

  it('keeps an answered call through a WebSocket drop; the BYE goes out on the new socket', async () => {
    const hub = lab.hub;
    const a = lab.agent('alice');
    const b = lab.agent('bob');
    await Promise.all([a.phone.start(), b.phone.start()]);
    const incoming = nextEvent(b.phone, 'call:incoming');
    await a.phone.dial('bob');
    await incoming;
    await b.phone.answer();
    await callReaches(a.phone, 'active');
    hub.dropConnection('alice');
    expect(a.phone.call?.state).toBe('active');
    await vi.advanceTimersByTimeAsync(500);
    await registered(a.phone);
    const bEnded = callReaches(b.phone, 'ended');
    await a.phone.hangup();
    await vi.advanceTimersByTimeAsync(0);
    expect((await bEnded).end).toEqual({ reason: 'remote-hangup' });
  });
});
