import { describe, expect, it } from 'vitest';
import { Registrar } from './registrar.js';

function setup() {
  let now = 0;
  const changes: Array<[number, boolean]> = [];
  const registrar = new Registrar({ now: () => now, reachabilityChanged: (id, r) => changes.push([id, r]) });
  const entry = (contact: string, connectionId = 'c1') => ({
    aor: '1001', userId: 7, displayName: 'A', contact, connectionId, callId: 'x',
  });
  return { registrar, changes, entry, advance: (ms: number) => (now += ms) };
}

describe('Registrar', () => {
  it('binds, refreshes and reports reachability once', () => {
    const { registrar, changes, entry } = setup();
    expect(registrar.bind(entry('sip:a@x.invalid'), 600)).toEqual({ ok: true, expires: 600 });
    expect(registrar.bind(entry('sip:a@x.invalid'), 600).ok).toBe(true);
    expect(registrar.bind(entry('sip:b@y.invalid', 'c2'), 600).ok).toBe(true);
    expect(registrar.lookup('1001')).toHaveLength(2);
    expect(changes).toEqual([[7, true]]);
  });

  it('expires bindings on the clock', () => {
    const { registrar, changes, entry, advance } = setup();
    registrar.bind(entry('sip:a@x.invalid'), 60);
    advance(59_000);
    expect(registrar.isReachable(7)).toBe(true);
    advance(2_000);
    registrar.sweep();
    expect(registrar.lookup('1001')).toEqual([]);
    expect(changes).toEqual([[7, true], [7, false]]);
  });

  it('stops routing to a binding at its exact expiry, and reports it within the second', () => {
    const { registrar, changes, entry, advance } = setup();
    advance(500);
    registrar.bind(entry('sip:a@x.invalid'), 60);
    advance(59_999);
    expect(registrar.lookup('1001')).toHaveLength(1);
    advance(1);
    expect(registrar.lookup('1001')).toEqual([]);
    expect(registrar.bindingsOfUser(7)).toEqual([]);
    expect(registrar.isReachable(7)).toBe(false);
    advance(500);
    registrar.sweep();
    expect(changes).toEqual([[7, true], [7, false]]);
    expect(registrar.count()).toBe(0);
  });

  it('keeps a refreshed binding past its first expiry', () => {
    const { registrar, changes, entry, advance } = setup();
    registrar.bind(entry('sip:a@x.invalid'), 60);
    advance(50_000);
    registrar.bind(entry('sip:a@x.invalid'), 60);
    advance(30_000);
    registrar.sweep();
    expect(registrar.isReachable(7)).toBe(true);
    expect(registrar.count()).toBe(1);
    expect(changes).toEqual([[7, true]]);
  });

  it('indexes many users and connections without mixing them up', () => {
    const { registrar } = setup();
    for (let i = 0; i < 1_000; i++) {
      registrar.bind({ aor: `1${i}`, userId: i, displayName: 'A', contact: `sip:${i}@x.invalid`, connectionId: `c${i % 10}`, callId: 'x' }, 600);
    }
    expect(registrar.count()).toBe(1_000);
    expect(registrar.bindingsOfUser(42).map((b) => b.aor)).toEqual(['142']);
    registrar.connectionClosed('c2');
    expect(registrar.count()).toBe(900);
    expect(registrar.isReachable(42)).toBe(false);
    expect(registrar.isReachable(43)).toBe(true);
    expect(registrar.bindingsOfConnection('c3')).toHaveLength(100);
  });

  it('caps long expiries and refuses too brief ones with 423', () => {
    const { registrar, entry } = setup();
    expect(registrar.bind(entry('sip:a@x.invalid'), 86_400)).toEqual({ ok: true, expires: 3600 });
    expect(registrar.bind(entry('sip:a@x.invalid'), 5)).toMatchObject({ ok: false, status: 423, minExpires: 30 });
  });

  it('unregisters with expires=0 and with Contact *', () => {
    const { registrar, changes, entry } = setup();
    registrar.bind(entry('sip:a@x.invalid'), 600);
    registrar.bind(entry('sip:b@x.invalid'), 600);
    registrar.bind(entry('sip:a@x.invalid'), 0);
    expect(registrar.lookup('1001').map((b) => b.contact)).toEqual(['sip:b@x.invalid']);
    registrar.unbindAll('1001');
    expect(registrar.count()).toBe(0);
    expect(changes.at(-1)).toEqual([7, false]);
  });

  it('drops the bindings of a closed connection only', () => {
    const { registrar, changes, entry } = setup();
    registrar.bind(entry('sip:a@x.invalid', 'c1'), 600);
    registrar.bind(entry('sip:b@y.invalid', 'c2'), 600);
    registrar.connectionClosed('c1');
    expect(registrar.isReachable(7)).toBe(true);
    registrar.connectionClosed('c2');
    expect(registrar.isReachable(7)).toBe(false);
    expect(changes).toEqual([[7, true], [7, false]]);
  });

  it('limits bindings per address of record', () => {
    const { registrar, entry } = setup();
    for (let i = 0; i < 10; i++) expect(registrar.bind(entry(`sip:${i}@x.invalid`), 600).ok).toBe(true);
    expect(registrar.bind(entry('sip:11@x.invalid'), 600)).toMatchObject({ ok: false, status: 403 });
  });

  it('removes every binding of a revoked user', () => {
    const { registrar, entry } = setup();
    registrar.bind(entry('sip:a@x.invalid'), 600);
    registrar.removeUser(7);
    expect(registrar.isReachable(7)).toBe(false);
  });
});
