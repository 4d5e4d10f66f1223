// Privacy settings in the console: an admin masks customers' numbers for agents; an agent then
// sees a customer's number masked and still calls them with one click: the server dials the
// number, the customer's phone rings, and the full number never appears in the agent's page.
// Masking is site-wide, so this test runs a kefu of its own (demo data) rather than changing
// the shared server under the other browser tests.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { Customer360Page } from './pages/customer-pages.js';
import { Shell } from './pages/shell.js';
import { WebPhonePage } from './pages/web-phone.js';
import { ownDatabase, startKefu, type RunningKefu } from './support/own-kefu.js';

let kefu: RunningKefu;
let cleanUp: () => Promise<void>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const db = await ownDatabase('privacy');
  const dataDir = db.env.KEFU_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-e2e-privacy-data-'));
  kefu = await startKefu({
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: '',
    KEFU_DEMO: '1',
    KEFU_DATA_KEY: randomBytes(32).toString('base64'),
    DATABASE_URL: db.url,
    ...db.env,
    KEFU_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    KEFU_RTPENGINE: 'off',
  });
  cleanUp = async () => {
    await kefu.stop();
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
});
test.afterAll(async () => cleanUp?.());

async function contextPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: kefu.baseURL, locale: 'en-US' });
  return { context, page: await context.newPage() };
}

test('an admin masks numbers for agents, and an agent calls a customer without ever seeing the number', async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await contextPage(browser);
  const caller = await contextPage(browser);
  const agent = await contextPage(browser);
  try {
    await Shell.signedIn(admin.page, 'admin1');
    await admin.page.goto('/settings');
    const privacy = admin.page.getByRole('region', { name: 'Privacy' });
    const masking = privacy.getByRole('region', { name: 'Phone number masking' });
    const roles = masking.getByRole('group', { name: 'Show numbers masked to' });
    await expect(roles.getByRole('checkbox', { name: 'Marketer' })).toBeChecked();
    await roles.getByRole('checkbox', { name: 'Agent' }).check();
    await masking.getByRole('button', { name: 'Save masking' }).click();
    await expect(masking.getByRole('status')).toContainText('Saved');
    const retention = privacy.getByRole('region', { name: 'Retention of calls and notes' });
    const notes = retention.getByRole('group', { name: 'Call notes' });
    await expect(notes).toContainText('Kept for good.');
    await notes.getByRole('checkbox', { name: 'Remove after a period' }).check();
    await notes.getByRole('textbox', { name: 'Call notes: days kept' }).fill('730');
    await retention.getByRole('button', { name: 'Save retention' }).click();
    await expect(retention.getByRole('status')).toContainText('Saved');
    const auditLog = privacy.getByRole('region', { name: 'Audit log retention' });
    await expect(auditLog).toContainText('Audit entries are kept 1095 days');
    await auditLog.getByRole('button', { name: 'Purge old audit entries now' }).click();
    await expect(auditLog.getByRole('status')).toHaveText('No audit entry was older than the period; nothing was removed.');

    // The customer's phone: 张伟's number in the demo data.
    const phone = new WebPhonePage(caller.page);
    await phone.open();
    await phone.connectAs('138 0013 8000', '+8613800138000');

    const desktop = await AgentDesktopPage.signedIn(agent.page, 'agent1');
    const found = await agent.page.request.get('/api/customers?q=张伟');
    const customerId = ((await found.json()) as { items: { id: number }[] }).items[0]!.id;
    const c360 = new Customer360Page(agent.page);
    await c360.open(customerId);
    await expect(c360.profile()).toContainText('138 **** 8000');
    await c360.profile().getByRole('button', { name: 'Call +86138****8000' }).click();

    await expect(phone.answerButton()).toBeVisible({ timeout: 15_000 });
    await phone.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    const callBar = agent.page.getByRole('region', { name: 'Current call' });
    await expect(callBar).toContainText('Connected with 张伟 (+86138****8000)');
    // Whatever the agent's page shows or holds, the number is masked.
    expect(await agent.page.content()).not.toMatch(/0013\D?8000/);
    await callBar.getByRole('link', { name: 'Go to the agent desktop' }).click();
    await expect(desktop.callLine()).toContainText('+86138****8000');
    // The call's own parts of the desk (today's calls lists earlier calls, whose numbers were on
    // the agent's phone anyway, as the desk always showed them).
    for (const part of [desktop.phonePanel(), desktop.callerDetails()]) expect(await part.innerHTML()).not.toMatch(/0013\D?8000/);
    await desktop.hangUpButton().click();
    await expect(phone.callState()).toHaveText('Call ended');
    const today = agent.page.getByRole('table', { name: "Today's calls" });
    await today.page().getByRole('button', { name: 'Refresh' }).click();
    await expect(today.getByRole('row').filter({ hasText: 'Outbound call' })).toContainText('****');
  } finally {
    await admin.context.close();
    await caller.context.close();
    await agent.context.close();
  }
});
