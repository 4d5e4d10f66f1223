import { expect, test } from '@playwright/test';
import { AgentDesktopPage, audioBytesReceived, expectAudioFlowing } from './pages/agent-desktop.js';
import { WebPhonePage } from './pages/web-phone.js';
import { makeCaller, makeDesk } from './support/fixtures.js';

// Blind transfer, three browsers: a caller on the web phone, agent1 who answers and hands the
// call on, agent2 who sees why before answering. Real WebRTC audio: the switch re-negotiates
// the caller's media with agent2's browser, and the caller never leaves the call.

test('a blind transfer reaches agent2 with the context on the pop, and the caller talks to agent2', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(150_000);
  const desk = await makeDesk(request, ['李娜 Li Na', '王芳 Wang Fang']);
  const [li, wang] = [desk.agents[0]!, desk.agents[1]!];
  const caller = await makeCaller(request, '赵敏');

  const first = await AgentDesktopPage.signedIn(page, li.username);
  const wangContext = await browser.newContext({ baseURL, locale: 'en-US' });
  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const second = await AgentDesktopPage.signedIn(await wangContext.newPage(), wang.username);
    await second.goNotReady();
    await first.goReady();

    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAs(caller.typed, caller.e164);
    await phone.dial(desk.hotline);
    await expect(first.answerButton()).toBeVisible({ timeout: 15_000 });
    await first.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await expectAudioFlowing(phone.page);
    await second.goReady();

    const notes = '客户要求改签到周五 wants Friday instead';
    await first.callNotes().fill(notes);

    // Transfer: the button opens the form; the directory shows agent2 as Ready.
    await first.page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = first.page.getByRole('form', { name: 'Transfer' });
    await expect(form).toBeVisible();
    const directory = form.getByRole('group', { name: 'Directory' });
    await expect(directory.getByRole('button', { name: `${wang.displayName} (${wang.extension}), Ready` })).toBeVisible();
    await directory.getByRole('button', { name: `${wang.displayName} (${wang.extension}), Ready` }).click();
    await expect(form.getByRole('textbox', { name: 'Transfer to' })).toHaveValue(`${wang.displayName} (${wang.extension})`);
    await form.getByRole('textbox', { name: 'Reason (optional, one line)' }).fill('Rebooking is billing');
    await form.getByRole('button', { name: 'Transfer now', exact: true }).click();
    await expect(first.page.getByRole('status').filter({ hasText: `Transferred to ${wang.displayName}.` })).toBeVisible();

    // Before agent2 answers: who, why and the notes are on the pop, with the customer.
    await expect(second.answerButton()).toBeVisible({ timeout: 15_000 });
    const handover = second.page.getByRole('region', { name: `Transferred by ${li.displayName}` });
    await expect(handover).toContainText('Rebooking is billing');
    await expect(handover).toContainText(notes);
    await expect(second.callerDetails().getByRole('heading', { name: caller.name })).toBeVisible();
    await expect(second.answerButton()).toBeVisible();
    // agent1's part is over: their call ended and they are wrapping it up.
    await expect(first.wrapUpForm()).toBeVisible();

    const callerBytes = await audioBytesReceived(phone.page);
    await second.answerButton().click();
    await expect(second.callLine()).toContainText('Connected with');
    await expect(phone.callState()).toHaveText('Connected');
    // Audio both ways between the caller and agent2.
    await expectAudioFlowing(second.page);
    await expect.poll(() => audioBytesReceived(phone.page), { timeout: 15_000, message: 'caller hears agent2' }).toBeGreaterThan(callerBytes);
    await expectAudioFlowing(phone.page);

    await second.hangUpButton().click();
    await expect(phone.callState()).toHaveText('Call ended');
  } finally {
    await wangContext.close();
    await callerContext.close();
  }
});
