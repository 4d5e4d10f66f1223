// The console's Socket.IO connection carries the session cookie, so a page on another site must
// not be able to open it in a signed-in user's browser: the same allow-list as /sip applies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 10);
  app = await startTestApp(t.db);
  cookie = (await new ApiClient(app.baseUrl).login('agent1')).cookie!;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** Opens the console's socket with the agent's cookie, as a page of `origin` would. */
function connectFrom(origin: string | null, transport: 'websocket' | 'polling'): Promise<'ready' | string> {
  return new Promise((resolve) => {
    const socket = ioClient(app.baseUrl, {
      transports: [transport],
      extraHeaders: { cookie, ...(origin ? { origin } : {}) },
      reconnection: false,
    });
    socket.on('session:ready', () => {
      socket.close();
      resolve('ready');
    });
    socket.on('connect_error', (err) => {
      socket.close();
      resolve(err.message);
    });
  });
}

describe('Socket.IO origin allow-list', () => {
  for (const transport of ['websocket', 'polling'] as const) {
    it(`refuses a page on another site over ${transport}, even with a valid session cookie`, async () => {
      expect(await connectFrom('https://evil.example', transport)).not.toBe('ready');
    });

    it(`lets the console's own page in over ${transport}`, async () => {
      expect(await connectFrom(app.baseUrl, transport)).toBe('ready');
    });
  }

  it('lets a client without an Origin header in (scripts authenticate with the cookie)', async () => {
    expect(await connectFrom(null, 'websocket')).toBe('ready');
  });

  it('refuses the opaque origin "null" of a sandboxed frame', async () => {
    expect(await connectFrom('null', 'websocket')).not.toBe('ready');
  });
});
