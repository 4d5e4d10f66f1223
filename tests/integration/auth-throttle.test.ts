// Sign-in guessing: counted before the password check (so a parallel burst gets no more tries
// than a slow one), per address and account (so a guesser cannot lock the real user out), and
// per address across accounts; an unknown username looks exactly like a known one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 10);
  app = await startTestApp(t.db, { lockAfter: 5, lockMs: 10 * 60_000, addressLockAfter: 12, delayStepMs: 0, maxDelayMs: 0 });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** A browser at `address` (kefu trusts X-Forwarded-For from its loopback proxy). */
function from(address: string): ApiClient {
  const c = new ApiClient(app.baseUrl);
  c.headers['x-forwarded-for'] = address;
  return c;
}

const signIn = (c: ApiClient, username: string, password: string) => c.post('/api/auth/login', { username, password });
/** What a client can tell apart: the error without its per-request id. */
const seen = (body: { error: { code: string; message: string } }) => ({ code: body.error.code, message: body.error.message });

describe('sign-in throttling', () => {
  it('gives a parallel burst no more password checks than a slow run: 40 guesses and the right password at once', async () => {
    const c = from('198.51.100.10');
    const burst = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => signIn(c, 'agent2', `guess-${i}`)),
      signIn(c, 'agent2', 'kefu-demo'),
    ]);
    const checked = burst.filter((r) => r.status === 401 || r.status === 200);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(41 - checked.length);
    // And the run is over for this address: the right password is refused too.
    expect((await signIn(c, 'agent2', 'kefu-demo')).status).toBe(429);
  });

  it('does not let a guesser lock the real user out: the block holds for the guessing address only', async () => {
    const attacker = from('198.51.100.20');
    for (let i = 0; i < 5; i++) expect((await signIn(attacker, 'admin1', `guess-${i}`)).status).toBe(401);
    expect((await signIn(attacker, 'admin1', 'kefu-demo')).status).toBe(429);
    expect((await signIn(from('192.0.2.44'), 'admin1', 'kefu-demo')).status).toBe(200);
  });

  it('answers an unknown username exactly as a known one: 401 with the same words, then 429 after as many tries', async () => {
    const known = from('198.51.100.30');
    const unknown = from('198.51.100.31');
    for (let i = 0; i < 5; i++) {
      const a = await signIn(known, 'agent3', `guess-${i}`);
      const b = await signIn(unknown, 'no-such-user', `guess-${i}`);
      expect([a.status, b.status]).toEqual([401, 401]);
      expect(seen(b.body)).toEqual(seen(a.body));
    }
    const a = await signIn(known, 'agent3', 'x');
    const b = await signIn(unknown, 'no-such-user', 'x');
    expect([a.status, b.status]).toEqual([429, 429]);
    expect(seen(b.body)).toEqual(seen(a.body));
    expect(b.headers.get('retry-after')).toBe(a.headers.get('retry-after'));
  });

  it('blocks one address trying many accounts, whatever the accounts', async () => {
    const sprayer = from('198.51.100.40');
    const names = ['agent1', 'agent2', 'agent3', 'admin1', 'supervisor1', 'marketer1', 'a', 'b', 'c', 'd', 'e', 'f'];
    for (const name of names) expect((await signIn(sprayer, name, 'Winter2026!')).status).toBe(401);
    expect((await signIn(sprayer, 'agent1', 'kefu-demo')).status).toBe(429);
  });

  it('lets a whole office behind one address sign in: good sign-ins do not count against the address', async () => {
    const office = from('203.0.113.50');
    for (let round = 0; round < 3; round++) {
      for (const name of ['agent1', 'agent2', 'agent3', 'supervisor1', 'marketer1']) expect((await signIn(office, name, 'kefu-demo')).status).toBe(200);
    }
  });

  it('writes every refused attempt to the audit log, the blocked ones with their reason', async () => {
    const rows = await t.db('audit_log').where({ action: 'auth.login', outcome: 'denied', ip: '198.51.100.20' }).select('detail');
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => (r.detail as { reason?: string }).reason === 'locked')).toHaveLength(1);
  });
});
