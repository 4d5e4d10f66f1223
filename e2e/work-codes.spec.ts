// An admin sets up the codes agents choose from in the console: a Not-ready reason with its
// 简体中文 words reaches the agent's desk, and a retired disposition code is no longer offered
// at wrap-up.
import { expect, test } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { Shell } from './pages/shell.js';
import { WebPhonePage } from './pages/web-phone.js';
import { DispositionCodesPage, NotReadyReasonsPage } from './pages/work-codes.js';
import { makeCaller, makeDesk } from './support/fixtures.js';

test('an admin adds a Not-ready reason with a 简体中文 name, and an agent working in 简体中文 goes Not ready with it', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(90_000);
  const desk = await makeDesk(request, ['周敏 Zhou Min']);
  await Shell.signedIn(page, desk.admin.username);
  const reasons = new NotReadyReasonsPage(page);
  await reasons.open();
  const label = `Coaching ${desk.tag}`;
  const labelZh = `辅导 ${desk.tag}`;
  await reasons.add(`c${desk.tag}`, label, labelZh);
  await expect(reasons.row(label)).toContainText(labelZh);

  const agentContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const agentPage = await agentContext.newPage();
    const desktop = await AgentDesktopPage.signedIn(agentPage, desk.agents[0]!.username);
    await new Shell(agentPage).chooseLanguage('简体中文');
    const panel = agentPage.getByRole('region', { name: '我的状态' });
    await panel.getByRole('combobox', { name: '未就绪原因' }).selectOption({ label: labelZh });
    await panel.getByRole('button', { name: '未就绪', exact: true }).click();
    await expect(panel.getByRole('status').filter({ hasText: /^未就绪/ })).toHaveText(`未就绪（${labelZh}）`);

    // Back in English the same state reads in English words.
    await new Shell(agentPage).chooseLanguage('English');
    await expect(desktop.agentState()).toHaveText(`Not ready (coaching ${desk.tag})`);
  } finally {
    await agentContext.close();
  }
});

test('an admin retires a disposition code of a queue, and wrap-up of that queue no longer offers it', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const desk = await makeDesk(request, ['吴刚 Wu Gang']);
  const caller = await makeCaller(request, '郑洁');
  await Shell.signedIn(page, desk.admin.username);
  const codes = new DispositionCodesPage(page);
  await codes.open();
  await codes.showQueue(`E2E ${desk.tag}`);
  const kept = `Order placed ${desk.tag}`;
  const retired = `Brochure sent ${desk.tag}`;
  await codes.add(`o${desk.tag}`, kept, `已下单 ${desk.tag}`);
  await codes.add(`b${desk.tag}`, retired, `已寄资料 ${desk.tag}`);
  await codes.retire(retired);

  const agentContext = await browser.newContext({ baseURL, locale: 'en-US' });
  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const desktop = await AgentDesktopPage.signedIn(await agentContext.newPage(), desk.agents[0]!.username);
    await desktop.goReady();
    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAs(caller.typed, caller.e164);
    await phone.dial(desk.hotline);
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    await desktop.answerButton().click();
    await expect(desktop.callLine()).toHaveText(/^Connected with /);
    await expect(phone.callState()).toHaveText('Connected');
    await desktop.hangUpButton().click();

    await expect(desktop.wrapUpForm()).toBeVisible();
    const offered = desktop.disposition().getByRole('option');
    await expect(offered.filter({ hasText: kept })).toHaveCount(1);
    await expect(offered.filter({ hasText: retired })).toHaveCount(0);
    await desktop.wrapUp(kept, 'ready');
    await expect(desktop.agentState()).toHaveText('Ready');
  } finally {
    await callerContext.close();
    await agentContext.close();
  }
});
