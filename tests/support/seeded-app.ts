// One seeded server per test file, for the tests that watch live pushes over Socket.IO (the
// Floor page's waiting calls, the wallboard). Each file gets its own database, so the figures a
// test reads are only the calls that file made.
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from './test-db.js';
import { CallHarness } from './call-harness.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface SeededApp {
  t: TestDb;
  /** Reassignable: a test that restarts the server puts the new one here, and the rest follow. */
  app: TestApp;
  calls: CallHarness;
}

/** Registers the file's beforeAll/afterAll; the fields are set once beforeAll has run. */
export function seededApp(): SeededApp {
  const live = {} as SeededApp;
  live.calls = new CallHarness(() => live.app.baseUrl);
  beforeAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    live.t = await createTestDb();
    await seedDemo(live.t.db, 'CN', new Date(), 5);
    live.app = await startTestApp(live.t.db);
  });
  afterAll(async () => {
    await live.calls.close();
    await live.app.close();
    await live.t.drop();
  });
  return live;
}

/**
 * Resolves with the first `event` push that passes the test. How fast pushes arrive is measured
 * by `npm run bench:floor`, not asserted here (a shared machine makes any time limit flaky).
 */
export function firstPush<T>(socket: Socket, event: string, pass: (p: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const on = (p: T) => {
      if (!pass(p)) return;
      socket.off(event, on);
      resolve(p);
    };
    socket.on(event, on);
  });
}
