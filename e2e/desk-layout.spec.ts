import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { createComplaint } from './pages/case-pages.js';
import { Shell } from './pages/shell.js';
import { WebPhonePage } from './pages/web-phone.js';
import { addPastCall, makeCaller, makeDesk } from './support/fixtures.js';

// The agent desk on a 1366×768 laptop: the ringing call with its full pop, the call controls,
// the notes and the wrap-up all lie inside the window, and the page never scrolls sideways.
// Screenshots of each state at 1366×768 and 1920×1080, in English and 简体中文, go to
// test-results/desk/ for review by eye (not compared pixel by pixel).

const LAPTOP = { width: 1366, height: 768 };
const DESKTOP = { width: 1920, height: 1080 };
const NOTES = 'Asked about the late installer; promised a call back tomorrow.';
const SHOTS = path.resolve(import.meta.dirname, '..', 'test-results', 'desk');

/** The element lies wholly inside the window (no scrolling needed to see or use it). */
async function expectInViewport(page: Page, locator: Locator, what: string): Promise<void> {
  await expect(locator, what).toBeVisible();
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(box!.x, `${what}: left`).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, `${what}: bottom`).toBeLessThanOrEqual(view.height);
  expect(box!.x + box!.width, `${what}: right`).toBeLessThanOrEqual(view.width);
}

/** Neither the page nor the window scrolls: everything is on one screen. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const { sideways, scrolled } = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return { sideways: doc.documentElement.scrollWidth - doc.documentElement.clientWidth, scrolled: (globalThis as unknown as { scrollY: number }).scrollY };
  });
  expect(sideways, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  expect(scrolled, 'page scrolled').toBe(0);
}

/** Screenshots of the desk as it is, at both sizes and in both languages; back to English at 1366×768. */
async function shoot(page: Page, state: string): Promise<void> {
  const shell = new Shell(page);
  for (const [locale, option] of [
    ['en', 'English'],
    ['zh-CN', '简体中文'],
  ] as const) {
    await shell.chooseLanguage(option);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    for (const size of [LAPTOP, DESKTOP]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(SHOTS, `${state}-${size.width}x${size.height}-${locale}.png`) });
    }
  }
  await shell.chooseLanguage('English');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.setViewportSize(LAPTOP);
}

test('at 1366×768 a whole call, from ring to wrap-up, fits one screen without scrolling', async ({ page, browser, baseURL, request }) => {
  // Twenty screenshots and ten language switches on a shared machine: allow for a slow one.
  test.setTimeout(300_000);
  await page.setViewportSize(LAPTOP);
  // Long ring and wrap-up times: the screenshots in two languages take a while in each state.
  const desk = await makeDesk(request, ['王芳 Wang Fang'], { ringSeconds: 120, wrapUpSeconds: 600 });
  const agent = desk.agents[0]!;
  const zhang = await makeCaller(request, '张伟', { valueTier: 'vip', company: '华为技术有限公司', ownerId: agent.id });
  for (const minutesAgo of [60, 180, 600]) {
    await addPastCall({ customerId: zhang.id, agentId: agent.id, queueId: desk.queueId, disposition: 'complaint_logged', notes: '客户反映安装师傅迟到两小时，要求赔偿。', minutesAgo });
  }
  await createComplaint(request, zhang.id, '安装师傅迟到两小时 Installer two hours late');

  const desktop = await AgentDesktopPage.signedIn(page, agent.username);
  await desktop.goReady();
  // Idle: the state tells itself in words; Ready is not offered again, the keypad waits to be asked for.
  await expect(desktop.agentState()).toHaveText('Ready');
  await expect(desktop.readyButton()).toHaveCount(0);
  await expect(desktop.keypad()).toBeHidden();
  await expectNoPageScroll(page);
  await shoot(page, '1-idle');

  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAs(zhang.typed, zhang.e164);
    await phone.dial(desk.hotline);

    // Ringing with the full pop: who it is, the answer button, all on screen.
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    const pop = desktop.callerDetails();
    await expect(pop.getByRole('heading', { name: zhang.name })).toBeVisible();
    await expectInViewport(page, pop, 'the screen-pop while ringing');
    await expectInViewport(page, desktop.answerButton(), 'Answer');
    await expectInViewport(page, desktop.rejectButton(), 'Reject');
    await expectInViewport(page, desktop.agentState(), 'the agent state');
    await expectNoPageScroll(page);
    await shoot(page, '2-ringing');

    // On the call: controls, notes and the pop on screen; the keypad opens on demand.
    await desktop.answerButton().click();
    await expect(desktop.callLine()).toHaveText(`Connected with ${zhang.name} (${zhang.shown})`);
    for (const [control, what] of [
      [desktop.hangUpButton(), 'Hang up'],
      [desktop.holdButton(), 'Hold'],
      [desktop.muteButton(), 'Mute'],
      [desktop.callNotes(), 'the call notes'],
      [desktop.saveNotesButton(), 'Save notes'],
      [pop, 'the screen-pop on the call'],
      [desktop.agentState(), 'the agent state'],
    ] as const) {
      await expectInViewport(page, control, what);
    }
    await page.keyboard.press('Alt+KeyK');
    await expectInViewport(page, desktop.keypad(), 'the keypad, once asked for');
    await expectNoPageScroll(page);
    await desktop.callNotes().fill(NOTES);
    await shoot(page, '3-on-call');
    await desktop.keypadButton().click();
    await expect(desktop.keypad()).toBeHidden();

    // Wrap-up in the place of the call controls, focus on the disposition, all on screen.
    await desktop.hangUpButton().click();
    await expect(desktop.wrapUpForm()).toBeVisible();
    await expect(desktop.disposition()).toBeFocused();
    await shoot(page, '4-wrap-up');
    for (const [control, what] of [
      [desktop.wrapUpForm(), 'the wrap-up form'],
      [desktop.disposition(), 'the disposition'],
      [desktop.finishReadyButton(), 'Finish and go Ready'],
      [desktop.finishNotReadyButton(), 'Finish and go Not ready'],
      [desktop.callNotes(), 'the call notes in wrap-up'],
      [pop, 'the screen-pop in wrap-up'],
    ] as const) {
      await expectInViewport(page, control, what);
    }
    await expectNoPageScroll(page);

    // Ready again: the last caller is cleared, one click away.
    await desktop.wrapUp('Resolved on first contact', 'ready');
    await expect(desktop.agentState()).toHaveText('Ready');
    await expect(pop.getByRole('heading', { name: zhang.name })).toHaveCount(0);
    await expect(desktop.callLine()).toHaveText('No call');
    await expect(desktop.callNotes()).toHaveValue('');
    await expect(desktop.callNotes()).toBeDisabled();
    await expect(desktop.todayCalls()).toBeVisible();
    await expectNoPageScroll(page);
    await shoot(page, '5-after-wrap-up');
    const reopen = pop.getByRole('button', { name: `Show the last caller: ${zhang.name} (${zhang.shown})` });
    await reopen.click();
    await expect(pop.getByRole('heading', { name: zhang.name })).toBeVisible();
    await expect(desktop.callNotes()).toHaveValue(NOTES);
  } finally {
    await callerContext.close();
  }
});

test('the header keeps to one row for an admin from 1280 px, with the admin pages under a keyboard-friendly menu', async ({ page, request }) => {
  const desk = await makeDesk(request, ['赵敏 Zhao Min']);
  await page.setViewportSize({ width: 1280, height: 800 });
  const shell = await Shell.signedIn(page, desk.admin.username);
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    const nav = await shell.nav().boundingBox();
    const account = await shell.account().boundingBox();
    // One row: the navigation and the user's menu share a line, and the bar is one line high.
    expect(Math.abs(nav!.y + nav!.height / 2 - (account!.y + account!.height / 2)), `one row at ${width} px`).toBeLessThan(8);
    expect((await page.getByRole('banner').boundingBox())!.height, `header height at ${width} px`).toBeLessThan(80);
    await expectNoPageScroll(page);
  }

  // The admin pages: a button that opens a list of links, with the arrows and Escape.
  const menu = shell.nav().getByRole('button', { name: 'Administration', exact: true });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(shell.nav().getByRole('link', { name: 'Users', exact: true })).toBeHidden();
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(shell.nav().getByRole('link', { name: 'Skills', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(shell.nav().getByRole('link', { name: 'Not-ready reasons', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
  await shell.goTo('Users');
  await expect(shell.heading()).toHaveText('Users');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
});
