import { expect, test } from '@playwright/test';
import { audioBytesReceived, expectAudioFlowing } from './pages/agent-desktop.js';
import { callAnsweredByAgent1 } from './support/answered-call.js';

// Blind transfer, three browsers: a caller on the web phone, agent1 who answers and hands the
// call on, agent2 who sees why before answering. Real WebRTC audio: the switch re-negotiates
// the caller's media with agent2's browser, and the caller never leaves the call.

test('a blind transfer reaches agent2 with the context on the pop, and the caller talks to agent2', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(150_000);
  const { li, wang, caller, first, second, phone, close } = await callAnsweredByAgent1(page, browser, baseURL, request);
  try {
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
    await close();
  }
});
