import { expect, test, type Browser } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { CasePage, MyWorkPage, createComplaint, createTicket, scheduleFollowUpNow } from './pages/case-pages.js';
import { Customer360Page } from './pages/customer-pages.js';
import { Shell } from './pages/shell.js';
import { WebPhonePage } from './pages/web-phone.js';
import { makeCaller, makeDesk, uniqueMobile, uniqueUsNumber } from './support/fixtures.js';

// Case work around calls, two browsers: a complaint is taken from the screen-pop during a call
// and is on the pop of the customer's next call before anyone answers; a follow-up task calls
// the customer from "My work" with the agent's softphone, and the call lands on the case; and
// the case page keeps one agent from overwriting another's save.

async function webPhone(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const phone = new WebPhonePage(await context.newPage());
  await phone.open();
  return { context, phone };
}

test('a complaint created from the screen-pop during a call is on the pop of the next call, before answer', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(150_000);
  const desk = await makeDesk(request, ['Tom Walker']);
  const HOTLINE = desk.hotline;
  const EMILY = await makeCaller(request, 'Emily Chan');
  const emilyId = EMILY.id;
  const subject = `E2E ${Date.now() % 100_000}: the room key cards stop working after one day`;
  const notes = `E2E ${Date.now()}: key cards fail; complaint logged.`;
  const desktop = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
  await desktop.goReady();
  const caller = await webPhone(browser, baseURL);
  try {
    const { phone } = caller;
    await phone.connectAs(EMILY.typed, EMILY.e164);
    await phone.dial(HOTLINE);
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    await desktop.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');

    // Two clicks and a subject: the complaint, for the caller, linked to this call.
    const pop = desktop.callerDetails();
    await expect(pop.getByRole('heading', { name: EMILY.name })).toBeVisible();
    await pop.getByRole('button', { name: 'New complaint', exact: true }).click();
    const form = pop.getByRole('form', { name: 'New complaint' });
    await form.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await form.getByRole('button', { name: 'Create complaint', exact: true }).click();
    await expect(form).toBeHidden();
    const created = pop.getByRole('status').filter({ hasText: /Complaint C-\d{4}-\d{6} created\./ });
    await expect(created).toBeVisible();
    const number = /C-\d{4}-\d{6}/.exec((await created.textContent()) ?? '')![0];
    const item = pop.getByRole('listitem').filter({ hasText: subject });
    await expect(item).toContainText(number);
    await expect(item).toContainText('Linked');
    await expect(item).toContainText('Acknowledgement due in');
    await expect(item).toContainText('On track');

    await desktop.callNotes().fill(notes);

    // The call ends: the wrap-up lists the complaint and needs a disposition.
    await desktop.hangUpButton().click();
    await expect(phone.callState()).toHaveText('Call ended');
    const wrapUp = desktop.wrapUpForm();
    await expect(wrapUp).toBeVisible();
    await expect(wrapUp.getByRole('link', { name: number })).toBeVisible();
    // Alt+W finishes the wrap-up, but not without a disposition: the form asks for one.
    await page.keyboard.press('Alt+W');
    await expect(wrapUp.getByText('Choose a disposition for this call to finish the wrap-up.')).toBeVisible();
    await expect(desktop.disposition()).toBeFocused();
    await desktop.wrapUp('Complaint logged', 'ready');
    await expect(desktop.agentState()).toHaveText('Ready');

    // The caller calls again: before anyone answers, the pop shows the complaint with its due
    // time, and the last call with its disposition.
    await phone.dial(HOTLINE);
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    const again = pop.getByRole('listitem').filter({ hasText: number });
    await expect(again).toContainText(subject);
    await expect(again).toContainText(/due in \d/);
    await expect(pop.getByRole('list', { name: 'Latest interactions' })).toContainText('Complaint logged');
    await expect(desktop.answerButton()).toBeVisible();

    // The caller gives up before an answer.
    await phone.hangUpButton().click();
    await expect(desktop.callLine()).toContainText('hung up before the call was answered');
    await desktop.goNotReady('Break');
  } finally {
    await caller.context.close();
  }

  // The customer's record: the complaint is open, and the call has its disposition and notes.
  const c360 = new Customer360Page(page);
  await c360.open(emilyId);
  await expect(c360.heading()).toHaveText(EMILY.name);
  await expect(c360.cases()).toContainText(subject);
  const call = c360.history().getByRole('listitem').filter({ hasText: notes });
  await expect(call).toContainText('Inbound call');
  await expect(call).toContainText('Complaint logged');
});

test('a ticket for a new caller: the customer is created from the pop, then the ticket, linked to the call', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  const desk = await makeDesk(request, ['Tom Walker']);
  const HOTLINE = desk.hotline;
  // A number nobody has.
  const newCaller = uniqueMobile('185');
  const desktop = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
  await desktop.goReady();
  const caller = await webPhone(browser, baseURL);
  try {
    const { phone } = caller;
    await phone.connectAs(newCaller.typed, newCaller.e164);
    await phone.dial(HOTLINE);
    const pop = desktop.callerDetails();
    const card = pop.getByRole('group', { name: 'New caller' });
    await expect(card).toBeVisible({ timeout: 15_000 });
    // No customer yet, so nothing to file a ticket for.
    await expect(pop.getByRole('button', { name: 'New ticket' })).toHaveCount(0);
    const name = `E2E 新客户 ${Date.now() % 100_000}`;
    await card.getByRole('textbox', { name: 'Name' }).fill(name);
    await card.getByRole('button', { name: 'Create customer and link the call' }).click();
    await expect(pop.getByRole('heading', { name })).toBeVisible();

    await desktop.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await pop.getByRole('button', { name: 'New ticket', exact: true }).click();
    const form = pop.getByRole('form', { name: 'New ticket' });
    await form.getByRole('textbox', { name: 'Subject' }).fill('宽带安装预约');
    await form.getByRole('button', { name: 'Create ticket', exact: true }).click();
    await expect(pop.getByRole('status').filter({ hasText: /Ticket T-\d{4}-\d{6} created\./ })).toBeVisible();
    const item = pop.getByRole('listitem').filter({ hasText: '宽带安装预约' });
    await expect(item).toContainText('Linked');
    await expect(item).toContainText('Resolution due in');

    await phone.hangUpButton().click();
    await expect(desktop.wrapUpForm()).toContainText('宽带安装预约');
    await desktop.notReadyReason().selectOption({ label: 'Admin work' });
    await desktop.wrapUp('Follow-up needed', 'not_ready');
    await expect(desktop.agentState()).toHaveText('Not ready (admin work)');
  } finally {
    await caller.context.close();
  }
});

test('a follow-up task calls the customer from My work, and the call lands on the case timeline', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(150_000);
  const desk = await makeDesk(request, ['王磊 Wang Lei']);
  const DAVID = await makeCaller(request, 'David Miller', { ownerId: desk.agents[0]!.id, number: uniqueUsNumber() });
  const davidId = DAVID.id;
  const callee = await webPhone(browser, baseURL);
  try {
    const { phone } = callee;
    await phone.connectAs(DAVID.typed, DAVID.e164);

    // The agent looks after David Miller: a ticket of theirs with a follow-up due now (set up
    // through the API with the agent's own session).
    const desktop = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
    const ticket = await createTicket(page.request, davidId, `E2E ${Date.now() % 100_000}: freight insurance claim documents`);
    await scheduleFollowUpNow(page.request, ticket.id, 'Check the claim documents arrived.');

    const work = new MyWorkPage(page);
    await work.open();
    const task = work.task(DAVID.name).filter({ hasText: ticket.number });
    await expect(task).toContainText('Check the claim documents arrived.');
    await task.getByRole('button', { name: `Call ${DAVID.name}`, exact: true }).click();

    // David's phone rings with the agent's call, and he answers.
    await expect(phone.answerButton()).toBeVisible({ timeout: 15_000 });
    await phone.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await expect(task.getByRole('status').filter({ hasText: 'Connected with' })).toContainText(DAVID.name);

    await task.getByRole('button', { name: 'Hang up', exact: true }).click();
    await expect(phone.callState()).toHaveText('Call ended');

    // Wrap-up comes to My work too, with the task's case linked to the call.
    await expect(desktop.wrapUpForm().getByRole('link', { name: ticket.number })).toBeVisible();
    await desktop.wrapUp('Resolved on first contact', 'not_ready');
    await expect(desktop.wrapUpForm()).toBeHidden();

    await work.recordOutcome(task, 'Reached — confirmed');
    await expect(page.getByRole('status').filter({ hasText: 'Outcome recorded for' })).toHaveText(
      `Outcome recorded for ${DAVID.name}: Reached — confirmed.`,
    );
    await expect(task).toHaveCount(0);

    // The case's timeline has the call (newest last) and the outcome.
    const casePage = new CasePage(page);
    await casePage.open(ticket.id);
    await expect(casePage.heading()).toContainText(ticket.number);
    const entries = casePage.timeline().getByRole('listitem');
    const callEntry = entries.filter({ hasText: 'Outbound call' });
    await expect(callEntry).toHaveCount(1);
    await expect(callEntry).toContainText('Resolved on first contact');
    await expect(entries.last()).toContainText('Follow-up: Reached — confirmed');
    await expect(casePage.followUps()).toContainText('Reached — confirmed');
  } finally {
    await callee.context.close();
  }
});

test('on the case page an agent edits, is stopped from overwriting a newer save, and takes a complaint to closed', async ({ page, request }) => {
  test.setTimeout(90_000);
  const desk = await makeDesk(request, ['Tom Walker']);
  const EMILY = await makeCaller(request, 'Emily Chan', { ownerId: desk.agents[0]!.id });
  const emilyId = EMILY.id;
  await Shell.signedIn(page, desk.agents[0]!.username);
  const complaint = await createComplaint(page.request, emilyId, `E2E ${Date.now() % 100_000}: noisy air conditioning`);

  const casePage = new CasePage(page);
  await casePage.open(complaint.id);
  await expect(casePage.heading()).toContainText(complaint.number);
  await expect(casePage.header()).toContainText('Complaint');
  await expect(casePage.header()).toContainText('New');
  await expect(casePage.header()).toContainText('Acknowledgement due in');
  await expect(casePage.header().getByRole('link', { name: EMILY.name })).toBeVisible();

  // A field edit is saved with the version it started from.
  const details = casePage.details();
  await details.getByRole('combobox', { name: 'Priority' }).selectOption({ label: 'P2 – high' });
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(details.getByRole('status')).toHaveText('Changes saved.');

  // Someone else saves meanwhile (the admin, through the API): the agent's next save is
  // refused, said so, and nothing is overwritten until a reload.
  const current = (await (await request.get(`/api/cases/${complaint.id}`)).json()) as { case: { version: number } };
  const theirs = 'Air conditioning noisy at night (room 1204)';
  expect((await request.patch(`/api/cases/${complaint.id}`, { data: { version: current.case.version, subject: theirs } })).ok()).toBe(true);
  await details.getByRole('textbox', { name: 'Description' }).fill('Guest asked for another room.');
  await details.getByRole('button', { name: 'Save changes' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved this case' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('button', { name: 'Reload' })).toBeFocused();
  await expect(details.getByRole('button', { name: 'Save changes' })).toBeDisabled();
  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expect(conflict).toBeHidden();
  await expect(details.getByRole('textbox', { name: 'Subject' })).toHaveValue(theirs);
  await expect(details.getByRole('textbox', { name: 'Description' })).toHaveValue('');

  // Status moves: only the allowed ones are offered; resolving a complaint asks why it happened.
  const status = casePage.status();
  await expect(status.getByRole('button', { name: 'Reopen' })).toHaveCount(0);
  await status.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(status).toContainText('This case is: Open.');
  await status.getByRole('button', { name: 'Resolve', exact: true }).click();
  const resolve = status.getByRole('form', { name: 'Resolve complaint' });
  await resolve.getByRole('button', { name: 'Resolve complaint' }).click();
  await expect(resolve).toContainText('Say how the complaint was resolved.');
  await resolve.getByRole('textbox', { name: 'Resolution' }).fill('Moved the guest; the unit was serviced.');
  await resolve.getByRole('combobox', { name: 'Root cause' }).selectOption({ label: 'Product defect' });
  await resolve.getByRole('button', { name: 'Resolve complaint' }).click();
  await expect(status).toContainText('This case is: Resolved.');

  // Closing needs the customer's confirmation or a contact attempt: the refusal says so.
  await status.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(status.getByRole('alert')).toContainText('confirmed the fix or a follow-up contact has been attempted');
  const notes = casePage.notes();
  await notes.getByRole('textbox', { name: 'Note' }).fill('Left a voicemail about the fix.');
  await notes.getByRole('button', { name: 'Log contact attempt' }).click();
  await expect(notes.getByRole('status')).toHaveText('Contact attempt logged.');
  await status.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(status).toContainText('This case is: Closed.');
  await expect(status.getByRole('button', { name: 'Reopen' })).toBeVisible();

  // A note goes on the timeline, newest last; a follow-up is scheduled at a date and time.
  await notes.getByRole('textbox', { name: 'Note' }).fill('Guest thanked us by email.');
  await notes.getByRole('button', { name: 'Add note' }).click();
  await expect(casePage.timeline().getByRole('listitem').last()).toContainText('Guest thanked us by email.');
  const followUps = casePage.followUps();
  await followUps.getByRole('textbox', { name: 'Follow-up due: date' }).fill('2030-01-15');
  await followUps.getByRole('textbox', { name: 'Follow-up due: time' }).fill('10:30');
  await followUps.getByRole('button', { name: 'Schedule follow-up' }).click();
  await expect(followUps.getByRole('status')).toHaveText('Follow-up scheduled.');
  await expect(followUps.getByRole('listitem').filter({ hasText: 'Scheduled by hand' })).toContainText('Pending');
});
