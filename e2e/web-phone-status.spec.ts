import { expect, test, type Browser } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { WebPhonePage } from './pages/web-phone.js';

// What the caller reads on the web phone before anyone answers: "Waiting in queue" while the
// switch says 182 Queued, "Ringing" once it says 180 Ringing.

const HOTLINE = '4008001234';
/** A "new caller": no customer has this number, nor gets it in another spec (inbound-call-screen-pop creates one for …0000). */
const NEW_CALLER = { typed: '+86 186 0000 0017', e164: '+8618600000017' };
const DAVID = { name: 'David Miller', e164: '+12125550142', typed: '+1 212 555 0142' };

async function webPhone(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const phone = new WebPhonePage(await context.newPage());
  await phone.open();
  return { context, phone };
}

test('a caller to the hotline waits in the queue until an agent is Ready', async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  // agent2's console is open but Not ready; the other agents' consoles are closed, so nobody
  // can be offered the call.
  const agent2 = await AgentDesktopPage.signedIn(page, 'agent2');
  await agent2.ensureNotReady();
  const callerSide = await webPhone(browser, baseURL);
  try {
    const { phone } = callerSide;
    await phone.connectAs(NEW_CALLER.typed, NEW_CALLER.e164);
    await phone.dial(HOTLINE);
    await expect(phone.callState()).toHaveText('Waiting in queue');

    // Ready: the call is offered and agent2's phone rings. The switch keeps the caller in the
    // queue (182) until the agent answers, so the caller still reads "Waiting in queue".
    await agent2.readyButton().click();
    await expect(agent2.answerButton()).toBeVisible({ timeout: 15_000 });
    await expect(agent2.callLine()).toHaveText(`Incoming call from ${NEW_CALLER.e164}`);
    await expect(phone.callState()).toHaveText('Waiting in queue');

    await agent2.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await phone.hangUpButton().click();
    await expect(agent2.callLine()).toContainText('ended');
    // No state change afterwards: with its console closed at the end, agent2 gets no calls.
  } finally {
    await callerSide.context.close();
  }
});

test('a caller whose call rings a phone reads "Ringing"', async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  // A number the switch has a phone for is called directly: its phone rings and the switch
  // passes the 180 on.
  const callee = await webPhone(browser, baseURL);
  const callerSide = await webPhone(browser, baseURL);
  try {
    await callee.phone.connectAsDemo(DAVID.name, DAVID.e164);
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
