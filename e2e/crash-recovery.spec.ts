// A crash in the middle of a call: the server is killed (kill -9) while an agent talks to a
// caller and has saved notes. Started again, it loses nothing that was committed (the call and
// its notes), closes the cut call as interrupted, and the agent's console, left open, comes
// back by itself: live updates and the phone reconnect, and the agent goes Ready again.
// It runs a kefu of its own, since killing the shared server would end the other tests.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { WebPhonePage } from './pages/web-phone.js';
import { ownDatabase, startKefu, type Database, type RunningKefu } from './support/own-kefu.js';
import { freePort } from '../tests/support/kamailio.js';

let db: Database;
let dataDir: string;
let env: Record<string, string>;
let kefu: RunningKefu | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await ownDatabase('crash');
  dataDir = db.env.KEFU_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-e2e-crash-data-'));
  env = {
    // The same address before and after the crash: the open console reconnects to it.
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    PUBLIC_URL: '',
    KEFU_DEMO: '1',
    KEFU_SERVER_ID: 'crash-test',
    KEFU_DATA_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: db.url,
    ...db.env,
    KEFU_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    KEFU_RTPENGINE: 'off',
  };
  kefu = await startKefu(env);
});
test.afterAll(async () => {
  await kefu?.stop();
  await db?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('after kill -9 mid-call, the restarted server keeps the call and its notes, and the open console recovers', async ({ browser }) => {
  test.setTimeout(180_000);
  const agentContext = await browser.newContext({ baseURL: kefu!.baseURL, locale: 'en-US' });
  const callerContext = await browser.newContext({ baseURL: kefu!.baseURL, locale: 'en-US' });
  try {
    const desktop = await AgentDesktopPage.signedIn(await agentContext.newPage(), 'agent1');
    await desktop.goReady();
    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAs('138 0013 8000', '+8613800138000');
    await phone.dial();
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    await desktop.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await desktop.callNotes().fill('Promised a refund by Friday');
    await desktop.saveNotesButton().click();
    await expect(desktop.notesSaved()).toBeVisible();

    await kefu!.kill();
    const live = desktop.page.getByRole('status').filter({ hasText: /^Live updates/ });
    await expect(live).toHaveText('Live updates interrupted, reconnecting…');

    kefu = await startKefu(env);
    // The console, never reloaded, finds the server again on its own.
    await expect(live).toHaveText('Live updates on', { timeout: 30_000 });
    await expect(desktop.phoneState()).toHaveText('Phone connected', { timeout: 30_000 });
    await desktop.goReady();

    // Nothing committed was lost: the call is on record, closed as interrupted, with its notes.
    const history = await desktop.page.request.get('/api/customers?q=张伟');
    const customerId = ((await history.json()) as { items: { id: number }[] }).items[0]!.id;
    const record = await desktop.page.request.get(`/api/customers/${customerId}`);
    const latest = ((await record.json()) as { interactions: { items: { notes: string | null; endReason: string | null; agentName: string | null }[] } }).interactions.items[0]!;
    expect(latest).toMatchObject({ notes: 'Promised a refund by Friday', endReason: 'interrupted', agentName: '李娜 Li Na' });
  } finally {
    await agentContext.close();
    await callerContext.close();
  }
});
