// A flood of idle WebSockets at /sip must not lock real phones out: unauthenticated sockets are
// capped per source address and in all, they must authenticate within a deadline, and phones
// that proved who they are do not count against either cap.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSipSwitch, type SipSwitch, type SipSwitchLimits } from '../../server/src/switch/switch.js';
import { RawSipClient } from '../../server/src/switch/testing/raw-sip-client.js';
import { RecordingEvents } from '../../server/src/switch/testing/recording-events.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import { switchSoftphone } from '../support/switch-softphone.js';

const DOMAIN = 'kefu.test';
let server: http.Server;
let sw: SipSwitch;
let url: string;
const closers: Array<() => Promise<void> | void> = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
});

async function start(limits: Partial<SipSwitchLimits>): Promise<void> {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  sw = createSipSwitch({ httpServer: server, path: '/sip', domain: DOMAIN, defaultRegion: 'CN', events: new RecordingEvents(), log: pino({ level: 'silent' }), limits });
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/sip`;
}

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  sw.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Opens `count` idle sockets from `localAddress` (another host on loopback); how many got in. */
async function flood(localAddress: string, count: number): Promise<{ open: RawSipClient[]; refused: string[] }> {
  const clients = Array.from({ length: count }, () => new RawSipClient(url, { localAddress }));
  for (const c of clients) closers.push(() => c.terminate());
  const results = await Promise.allSettled(clients.map((c) => c.open()));
  return {
    open: clients.filter((_, i) => results[i]!.status === 'fulfilled'),
    refused: results.flatMap((r) => (r.status === 'rejected' ? [String((r.reason as Error).message)] : [])),
  };
}

function phone(username: string, userId: number): Softphone {
  const { phone: p } = switchSoftphone(sw.accounts.issue({ username, userId, displayName: `Agent ${username}` }), url, DOMAIN);
  closers.push(() => p.stop().catch(() => {}));
  return p;
}

describe('SIP switch: connection flood', () => {
  it('caps idle sockets from one address, and a phone from another address still registers', async () => {
    await start({ maxUnauthenticatedPerAddress: 20 });
    const { open, refused } = await flood('127.0.0.2', 200);
    expect(open).toHaveLength(20);
    expect(refused).toHaveLength(180);
    expect(new Set(refused)).toEqual(new Set(['HTTP 503']));
    await phone('1001', 1).start();
    expect(sw.stats().registrations).toBe(1);
  });

  it('caps idle sockets in all, so a spread flood cannot take the slots of registered phones', async () => {
    await start({ maxUnauthenticatedPerAddress: 10, maxUnauthenticated: 25, maxConnections: 40 });
    const registered = phone('1001', 1);
    await registered.start();
    const spread = await Promise.all(['127.0.0.2', '127.0.0.3', '127.0.0.4'].map((a) => flood(a, 10)));
    expect(spread.reduce((n, f) => n + f.open.length, 0)).toBe(25);
    // Pending slots full: a new socket waits for a deadline, but the phone that proved itself stays.
    await expect(new RawSipClient(url, { localAddress: '127.0.0.5' }).open()).rejects.toThrow(/503/);
    expect(registered.registrationState).toBe('registered');
    expect(sw.stats().connections).toBe(26);
  });

  it('lets a whole office behind one address in: authenticated phones leave the per-address cap', async () => {
    await start({ maxUnauthenticatedPerAddress: 3 });
    const office = Array.from({ length: 12 }, (_, i) => phone(String(1001 + i), i + 1));
    for (const p of office) await p.start();
    expect(sw.stats().registrations).toBe(12);
  });

  it('closes a socket that does not authenticate in time, and keeps the registered phone beside it', async () => {
    await start({ authDeadlineMs: 300 });
    const registered = phone('1001', 1);
    await registered.start();
    const idle = new RawSipClient(url);
    closers.push(() => idle.terminate());
    await idle.open();
    expect(await idle.waitClosed(10_000)).toBe(1008);
    // The phone connected before the idle socket, so its deadline would have passed too.
    expect(registered.registrationState).toBe('registered');
  });
});
