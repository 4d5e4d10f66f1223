import { expect, test } from '@playwright/test';
import { audioBytesReceived, expectAudioFlowing } from './pages/agent-desktop.js';
import { callAnsweredByAgent1 } from './support/answered-call.js';

// Consult (attended) transfer, three browsers: a caller on the web phone, agent1 who holds the
// caller and calls agent2 on a second line, agent2 who sees why before answering. Real WebRTC
// audio at each step: agent1 and agent2 talk, then the switch joins the caller to agent2's line.

test('a consult lets agent1 talk to agent2 with the caller on hold, then hands the caller over with audio', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(180_000);
  const { li, wang, caller, first, second, phone, close } = await callAnsweredByAgent1(page, browser, baseURL, request);
  try {
    const notes = '客户要改地址 new delivery address';
    await first.callNotes().fill(notes);

    // Consult from the Transfer form: the caller is held and agent2's phone rings.
    await first.page.getByRole('button', { name: 'Transfer', exact: true }).click();
    const form = first.page.getByRole('form', { name: 'Transfer' });
    await form.getByRole('textbox', { name: 'Transfer to' }).fill(wang.extension!);
    await form.getByRole('textbox', { name: 'Reason (optional, one line)' }).fill('Address change is logistics');
    await form.getByRole('button', { name: 'Consult', exact: true }).click();
    const consult = first.page.getByRole('region', { name: 'Consult' });
    await expect(consult).toBeVisible();
    await expect(consult.getByRole('button', { name: 'Complete transfer' })).toBeDisabled();

    await expect(second.answerButton()).toBeVisible({ timeout: 15_000 });
    const handover = second.page.getByRole('region', { name: `Transferred by ${li.displayName}` });
    await expect(handover).toContainText('Address change is logistics');
    await expect(handover).toContainText(notes);
    await expect(second.callerDetails().getByRole('heading', { name: caller.name })).toBeVisible();
    await second.answerButton().click();

    // agent1 and agent2 talk; the caller waits on hold.
    await expect(consult.getByRole('status')).toHaveText(`Talking to ${wang.displayName}. The caller is on hold.`);
    await expectAudioFlowing(first.page);
    await expectAudioFlowing(second.page);

    // Swap to the caller and back: the desk says whom agent1 hears.
    await consult.getByRole('button', { name: 'Swap' }).click();
    await expect(consult.getByRole('status')).toHaveText(`Talking to the caller. ${wang.displayName} is on hold.`);
    await consult.getByRole('button', { name: 'Swap' }).click();
    await expect(consult.getByRole('status')).toHaveText(`Talking to ${wang.displayName}. The caller is on hold.`);

    await consult.getByRole('button', { name: 'Complete transfer' }).click();
    await expect(first.wrapUpForm()).toBeVisible();
    await expect(first.page.getByRole('status').filter({ hasText: `The caller is now with ${wang.displayName}.` })).toBeVisible();
    await expect(phone.callState()).toHaveText('Connected');

    // Audio both ways between the caller and agent2, agent1's lines being gone.
    const callerBytes = await audioBytesReceived(phone.page);
    await expect.poll(() => audioBytesReceived(phone.page), { timeout: 15_000, message: 'caller hears agent2' }).toBeGreaterThan(callerBytes);
    await expectAudioFlowing(phone.page);
    await expectAudioFlowing(second.page);

    await second.hangUpButton().click();
    await expect(phone.callState()).toHaveText('Call ended');
  } finally {
    await close();
  }
});
