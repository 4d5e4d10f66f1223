import { expect, test, type Browser } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { WebPhonePage } from './pages/web-phone.js';
import { makeDesk, uniqueMobile, uniqueUsNumber } from './support/fixtures.js';

// What the caller reads on the web phone before anyone answers: "Waiting in queue" while the
// switch says 182 Queued, "Ringing" once it says 180 Ringing.

async function webPhone(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const phone = new WebPhonePage(await context.newPage());
  await phone.open();
  return { context, phone };
}

test('a caller to the hotline waits in the queue until an agent is Ready', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(90_000);
  const desk = await makeDesk(request, ['Tom Walker']);
  const HOTLINE = desk.hotline;
  // A "new caller": no customer has this number.
  const NEW_CALLER = uniqueMobile('186');
  // The queue's only agent has the console open but is Not ready, so nobody can be offered the call.
  const agent = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
  await agent.ensureNotReady();
  const callerSide = await webPhone(browser, baseURL);
  try {
    const { phone } = callerSide;
    await phone.connectAs(NEW_CALLER.typed, NEW_CALLER.e164);
    await phone.dial(HOTLINE);
    await expect(phone.callState()).toHaveText('Waiting in queue');

    // Ready: the call is offered and the agent's phone rings. The switch keeps the caller in the
    // queue (182) until the agent answers, so the caller still reads "Waiting in queue".
    await agent.readyButton().click();
    await expect(agent.answerButton()).toBeVisible({ timeout: 15_000 });
    await expect(agent.callLine()).toHaveText(`Incoming call from ${NEW_CALLER.shown}`);
    await expect(phone.callState()).toHaveText('Waiting in queue');

    await agent.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await phone.hangUpButton().click();
    await expect(agent.callLine()).toContainText('ended');
  } finally {
    await callerSide.context.close();
  }
});

test('a caller whose call rings a phone reads "Ringing"', async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const DAVID = uniqueUsNumber(); // a callee, whose web phone registers this number
  const NEW_CALLER = uniqueMobile('186');
  // A number the switch has a phone for is called directly: its phone rings and the switch
  // passes the 180 on.
  const callee = await webPhone(browser, baseURL);
  const callerSide = await webPhone(browser, baseURL);
  try {
    await callee.phone.connectAs(DAVID.typed, DAVID.e164);
    await callerSide.phone.connectAs(NEW_CALLER.typed, NEW_CALLER.e164);
    await callerSide.phone.dial(DAVID.typed);

    await expect(callee.phone.answerButton()).toBeVisible({ timeout: 15_000 });
    await expect(callerSide.phone.callState()).toHaveText('Ringing');

    await callerSide.phone.hangUpButton().click();
    await expect(callerSide.phone.callState()).toHaveText(/^Call ended/);
    await expect(callee.phone.answerButton()).toHaveCount(0);
  } finally {
    await callerSide.context.close();
    await callee.context.close();
  }
});
