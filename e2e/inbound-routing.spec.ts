import { expect, test, type Browser } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { expectCallQueued, latestInteractionId } from './pages/call-log.js';
import { Customer360Page, CustomerSearchPage } from './pages/customer-pages.js';
import { Shell } from './pages/shell.js';
import { WebPhonePage } from './pages/web-phone.js';
import { createCustomer, makeCaller, makeDesk, uniqueMobile, uniqueUsNumber } from './support/fixtures.js';

// How a queue routes inbound calls (each test's own queue and agents, 15 s ring time): a
// missed offer moves on to the next Ready agent, a caller who gives up is logged as abandoned,
// and a VIP goes ahead of callers who waited longer.
// An agent is only routable while their console is open with its phone registered, so the
// agents a test does not open never get its calls.

async function caller(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const phone = new WebPhonePage(await context.newPage());
  await phone.open();
  return { context, phone };
}

test.describe('inbound routing', () => {
  test('two agents: an unanswered call moves to the second agent after the ring time', async ({ page, browser, baseURL, request }) => {
    test.setTimeout(120_000);
    const desk = await makeDesk(request, ['Tom Walker', '王磊 Wang Lei']);
    const HOTLINE = desk.hotline;
    const EMILY = await makeCaller(request, 'Emily Chan', { number: uniqueMobile('186') });
    const agent2 = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
    await agent2.ensureNotReady();
    const agent3Context = await browser.newContext({ baseURL, locale: 'en-US' });
    const callerSide = await caller(browser, baseURL);
    try {
      const agent3 = await AgentDesktopPage.signedIn(await agent3Context.newPage(), desk.agents[1]!.username);
      await agent3.ensureNotReady();

      // agent2 has been Ready longer, so agent2 is offered first (and on a tie of the clock,
      // agent2 still goes first, being the older agent).
      await agent2.goReady();
      await agent3.goReady();

      const { phone } = callerSide;
      await phone.connectAs(EMILY.typed, EMILY.e164);
      await phone.dial(HOTLINE);

      await expect(agent2.answerButton()).toBeVisible({ timeout: 15_000 });
      await expect(agent2.callerDetails().getByRole('heading', { name: EMILY.name })).toBeVisible();
      await expect(agent2.callLine()).toHaveText(`Incoming call from ${EMILY.name} (${EMILY.shown})`);
      await expect(phone.callState()).toHaveText('Waiting in queue');
      await expect(agent3.answerButton()).toHaveCount(0);
      await expect(agent3.agentState()).toHaveText('Ready');

      // Nobody answers: after the ring time the offer moves on and agent2 is out of rotation.
      await expect(agent3.answerButton()).toBeVisible({ timeout: 25_000 });
      await expect(agent3.callerDetails().getByRole('heading', { name: EMILY.name })).toBeVisible();
      await expect(agent3.callLine()).toHaveText(`Incoming call from ${EMILY.name} (${EMILY.shown})`);
      await expect(agent2.agentState()).toHaveText('Not ready (missed call)');
      await expect(agent2.answerButton()).toHaveCount(0);
      await expect(phone.callState()).toHaveText('Waiting in queue');

      await agent3.answerButton().click();
      await expect(phone.callState()).toHaveText('Connected');
      await expect(agent3.callLine()).toHaveText(`Connected with ${EMILY.name} (${EMILY.shown})`);
      await expect(agent2.agentState()).toHaveText('Not ready (missed call)');

      await phone.hangUpButton().click();
      await expect(agent3.callLine()).toContainText('ended');
      await agent3.goNotReady('Break');
    } finally {
      await callerSide.context.close();
      await agent3Context.close();
    }
  });

  test('a caller who hangs up while queued is logged as abandoned', async ({ browser, baseURL, request }) => {
    test.setTimeout(90_000);
    const desk = await makeDesk(request, ['Tom Walker']);
    const DAVID = await makeCaller(request, 'David Miller', { number: uniqueUsNumber() });
    // No agent console is open: nobody can be offered the call, so it waits in the queue.
    const callerSide = await caller(browser, baseURL);
    try {
      const { phone } = callerSide;
      await phone.connectAs(DAVID.typed, DAVID.e164);
      await phone.dial(desk.hotline);
      await expect(phone.callState()).toHaveText('Waiting in queue');
      // The switch has admitted and logged the call: it is in the queue, not on its way there.
      await expectCallQueued(request, DAVID.id, 0);
      await expect(phone.callState()).toHaveText('Waiting in queue');
      await phone.hangUpButton().click();
      await expect(phone.callState()).toHaveText(/^Call ended/);
    } finally {
      await callerSide.context.close();
    }

    const adminContext = await browser.newContext({ baseURL, locale: 'en-US' });
    try {
      const page = await adminContext.newPage();
      const shell = await Shell.signedIn(page, desk.admin.username);
      await shell.goToCustomers();
      const search = new CustomerSearchPage(page);
      await search.search(DAVID.typed);
      await search.results().getByRole('link', { name: DAVID.name }).first().click();
      const c360 = new Customer360Page(page);
      await expect(c360.heading()).toHaveText(DAVID.name);
      const latest = c360.history().getByRole('listitem').first();
      await expect(async () => {
        await page.reload();
        await expect(latest).toContainText('Abandoned by caller', { timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
      await expect(latest).toContainText('Inbound call');
    } finally {
      await adminContext.close();
    }
  });

  test('a VIP caller goes ahead of a normal caller who waited longer', async ({ page, browser, baseURL, request }) => {
    test.setTimeout(120_000);
    const desk = await makeDesk(request, ['李娜 Li Na']);
    const HOTLINE = desk.hotline;
    const ZHANG = await makeCaller(request, '张伟', { valueTier: 'vip' });
    // Two customers share 刘洋's number (husband and wife, say): the pop asks who is calling.
    const LIU_YANG = await makeCaller(request, '刘洋');
    await createCustomer(request, { name: '刘芳', phones: [{ number: LIU_YANG.typed }] });
    const zhangId = ZHANG.id;
    const zhangBefore = await latestInteractionId(request, zhangId);
    const agent1 = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
    await agent1.ensureNotReady();

    const liuSide = await caller(browser, baseURL);
    const zhangSide = await caller(browser, baseURL);
    try {
      // Nobody is Ready: 刘洋 queues first, then the VIP 张伟.
      await liuSide.phone.connectAs(LIU_YANG.typed, LIU_YANG.e164);
      await liuSide.phone.dial(HOTLINE);
      await expect(liuSide.phone.callState()).toHaveText('Waiting in queue');
      await zhangSide.phone.connectAs(ZHANG.typed, ZHANG.e164);
      await zhangSide.phone.dial(HOTLINE);
      await expect(zhangSide.phone.callState()).toHaveText('Waiting in queue');
      // Both are in the queue (the switch logs a call when it admits it) before agent1 is Ready.
      await expectCallQueued(request, zhangId, zhangBefore);

      // Not goReady(): with calls waiting, Ready lasts only until the offer rings.
      await agent1.readyButton().click();
      await expect(agent1.answerButton()).toBeVisible({ timeout: 15_000 });
      const pop = agent1.callerDetails();
      await expect(pop.getByRole('heading', { name: ZHANG.name })).toBeVisible();
      await expect(pop).toContainText('VIP');
      await expect(pop).not.toContainText(LIU_YANG.name);
      await expect(agent1.callLine()).toHaveText(`Incoming call from ${ZHANG.name} (${ZHANG.shown})`);

      await agent1.answerButton().click();
      await expect(zhangSide.phone.callState()).toHaveText('Connected');
      await expect(agent1.callLine()).toHaveText(`Connected with ${ZHANG.name} (${ZHANG.shown})`);
      await expect(liuSide.phone.callState()).toHaveText('Waiting in queue');
      await agent1.hangUpButton().click();
      await expect(zhangSide.phone.callState()).toHaveText('Call ended');
      await expect(agent1.callLine()).toContainText('ended');

      // Wrap-up done (a disposition is required) and Ready again: the caller who waited is next.
      await agent1.wrapUp('Resolved on first contact', 'ready');
      await expect(agent1.answerButton()).toBeVisible({ timeout: 15_000 });
      await expect(agent1.callLine()).toHaveText(`Incoming call from ${LIU_YANG.shown}`);
      await expect(pop.getByRole('group', { name: '2 customers use this number. Who is calling?' })).toBeVisible();
      await agent1.answerButton().click();
      await expect(liuSide.phone.callState()).toHaveText('Connected');
      await liuSide.phone.hangUpButton().click();
      await expect(agent1.callLine()).toContainText('ended');
      await agent1.goNotReady('Break');
    } finally {
      await zhangSide.context.close();
      await liuSide.context.close();
    }
  });
});
