// A site set up from nothing: kefu on an empty database outside demo mode, with only the first
// admin that KEFU_ADMIN_* made. The admin follows the start-up checklist: a team, an agent, a
// queue answering a new number with the agent in it. The new agent signs in with the one-time
// password, goes Ready and takes a call that the admin's web phone makes to that number; then
// the checklist, every step done, leaves the admin's home.
import { randomInt } from 'node:crypto';
import type { Browser } from '@playwright/test';
import { QueuesPage, UsersPage } from './pages/administration.js';
import { SignInPage } from './pages/sign-in-page.js';
import { answeredTestCall, newAgentGoesReady } from './support/admin-setup.js';
import { expect, test } from './support/empty-site.js';

async function signedIn(browser: Browser, baseURL: string, username: string, password: string) {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(username, password);
  return { context, page };
}

test('an admin sets up a site from an empty database, and the new agent takes a call to its number', async ({ browser, emptySite }) => {
  test.setTimeout(180_000);
  const { baseURL, admin } = emptySite;
  const adminSide = await signedIn(browser, baseURL, admin.username, admin.password);
  const contexts = [adminSide.context];
  try {
    const page = adminSide.page;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
    const checklist = page.getByRole('region', { name: 'Start-up checklist' });
    const steps = checklist.getByRole('listitem');
    await expect(steps).toHaveText([/Create a team\s*To do/, /Add agents\s*To do/, /Create a queue with a phone number\s*To do/, /Put agents in the queue\s*To do/, /Make a test call .*\s*To do/]);
    // Nothing from the demo: the users list holds the first admin only.
    await new UsersPage(page).open();
    await expect(page.getByRole('row').filter({ has: page.getByRole('rowheader') })).toHaveCount(1);

    // Each step of the checklist links to its page.
    await page.goto('/');
    await checklist.getByRole('link', { name: 'Create a team' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Teams');
    const teamForm = page.getByRole('region', { name: 'New team' });
    await teamForm.getByRole('textbox', { name: 'Team name' }).fill('Hotline');
    await teamForm.getByRole('button', { name: 'Create team' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Team Hotline was created.' })).toBeVisible();

    const users = new UsersPage(page);
    await users.open();
    const oneTime = await users.createAgent('wang.fang', 'Wang Fang 王芳', 'Hotline');

    const digits = `400${randomInt(1_000_000, 10_000_000)}`;
    const queues = new QueuesPage(page);
    await queues.open();
    await queues.create('hotline', `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`, ['Wang Fang 王芳']);
    // Stored as +86…, shown in the home region's national grouping.
    await expect(queues.row('hotline')).toContainText(`${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`);

    await page.goto('/');
    await expect(steps).toHaveText([/Create a team\s*Done/, /Add agents\s*Done/, /Create a queue .*\s*Done/, /Put agents in the queue\s*Done/, /Make a test call .*\s*To do/]);

    // The new agent's first sign-in: their own password, then the desk.
    const { context: agentContext, desktop } = await newAgentGoesReady(browser, baseURL, { username: 'wang.fang', oneTime, password: 'wang-fang-own-password' });
    contexts.push(agentContext);

    // Outside the demo only a signed-in supervisor or admin gets a web phone: the admin's test call.
    const callerSide = await signedIn(browser, baseURL, admin.username, admin.password);
    contexts.push(callerSide.context);
    await expect(callerSide.page.getByRole('heading', { level: 1 })).toHaveText('Administration');
    const phone = await answeredTestCall(callerSide.page, desktop, digits);
    await expect(phone.callState()).toHaveText('Connected');

    // Every step done: the checklist leaves the admin's home.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
      await expect(checklist).toBeHidden({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  } finally {
    for (const c of contexts) await c.close();
  }
});
