import { expect, test } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { Customer360Page } from './pages/customer-pages.js';
import { WebPhonePage } from './pages/web-phone.js';
import { apiAs, makeCaller, makeDesk, uniqueUsNumber } from './support/fixtures.js';

// A queue that asks callers for a score after the call (as the demo's `sales` queue does): the
// agent hangs up, the caller stays on the line, sees the question on the web phone, presses a
// key, and the score lands on the call in the customer's history. A low score becomes a
// callback for the supervisor of the queue's team.

test('a caller scores the call by keypad after the agent hangs up, and a low score asks for a callback', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const desk = await makeDesk(request, ['王磊 Wang Lei'], { csat: true });
  const DAVID = await makeCaller(request, 'David Miller', { number: uniqueUsNumber() });
  const desktop = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
  await desktop.goReady();

  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAs(DAVID.typed, DAVID.e164);
    await phone.dial(desk.queueName);
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
    await page.goto(`/customers/${DAVID.id}`);
    await expect(new Customer360Page(page).heading()).toHaveText(DAVID.name);
    await expect(page.getByText('2 of 5').first()).toBeVisible();

    // A score of 2 is an unhappy customer: the supervisor gets a callback task.
    const supervisor = await apiAs(desk.supervisor.username, baseURL);
    try {
      const work = await (await supervisor.get('/api/my-work')).json();
      expect(work.followUps).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'low_csat', customerName: DAVID.name })]));
    } finally {
      await supervisor.dispose();
    }
  } finally {
    await callerContext.close();
  }
});
