import { expect, test } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { Customer360Page } from './pages/customer-pages.js';
import { WebPhonePage } from './pages/web-phone.js';

// The demo's `sales` queue asks callers for a score after the call: the agent hangs up, the
// caller stays on the line, sees the question on the web phone, presses a key, and the score
// lands on the call in the customer's history. A low score becomes a callback for the supervisor.

const DAVID = { name: 'David Miller', e164: '+12125550142' };

test('a caller scores the call by keypad after the agent hangs up, and a low score asks for a callback', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const desktop = await AgentDesktopPage.signedIn(page, 'agent3');
  await desktop.goReady();

  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAsDemo(DAVID.name, DAVID.e164);
    await phone.dial('sales');
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    await desktop.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');

    // The agent hangs up; the caller is still connected and is asked for a score.
    await desktop.hangUpButton().click();
    const question = phone.page.getByRole('note', { name: 'Message from the call center' });
    await expect(question).toContainText('Press 1 (very dissatisfied) to 5 (very satisfied)');
    await expect(phone.callState()).toHaveText('Connected');
    await expect(desktop.wrapUpForm()).toBeVisible();

    await phone.press('2');
    // The score ends the survey and the call.
    await expect(phone.hangUpButton()).toBeDisabled({ timeout: 15_000 });
    await desktop.wrapUp('Sale');

    // The score is on the call in David Miller's history.
    const found = await (await page.request.get(`/api/customers?phone=${encodeURIComponent(DAVID.e164)}`)).json();
    await page.goto(`/customers/${found.items[0].id}`);
    await expect(new Customer360Page(page).heading()).toHaveText(DAVID.name);
    await expect(page.getByText('2 of 5').first()).toBeVisible();

    // A score of 2 is an unhappy customer: the supervisor gets a callback task.
    const supervisor = await browser.newContext({ baseURL, locale: 'en-US' });
    try {
      const r = await supervisor.request.post('/api/auth/login', { data: { username: 'supervisor1', password: 'kefu-demo' } });
      expect(r.ok()).toBe(true);
      const work = await (await supervisor.request.get('/api/my-work')).json();
      expect(work.followUps).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'low_csat', customerName: DAVID.name })]));
    } finally {
      await supervisor.close();
    }
  } finally {
    await callerContext.close();
    // Out of rotation for the specs that follow (the sales queue is agent3's alone).
    await page.goto('/');
    await desktop.goNotReady('Break');
  }
});
