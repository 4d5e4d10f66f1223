import { expect, test, type Browser } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { FloorPage } from './pages/floor.js';
import { Shell } from './pages/shell.js';
import { WebPhonePage } from './pages/web-phone.js';
import { MyWorkPage, createTicket, scheduleFollowUpNow } from './pages/case-pages.js';
import { apiAs, makeCast, makeCaller, makeDesk, signIn, uniqueUsNumber } from './support/fixtures.js';

// A supervisor acting on the floor, with the agent's desktop open in another browser: forcing
// Not ready, sending a message, and pulling a waiting call to an agent outside the queue; and
// the supervisor's own phone, dialling a callback task from My work.

async function supervisorFloor(browser: Browser, baseURL: string | undefined, username: string): Promise<FloorPage> {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const page = await context.newPage();
  await Shell.signedIn(page, username);
  const floor = new FloorPage(page);
  await floor.open();
  return floor;
}

test('a supervisor forces an agent Not ready and sends a message; the agent’s desktop shows both', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const cast = await makeCast({
    users: [
      { key: 'agent', role: 'agent', displayName: '李娜 Li Na' },
      { key: 'supervisor', role: 'supervisor', displayName: 'E2E Supervisor' },
    ],
  });
  const desktop = await AgentDesktopPage.signedIn(page, cast.users.agent!.username);
  await desktop.goReady();
  const floor = await supervisorFloor(browser, baseURL, cast.users.supervisor!.username);
  try {
    const row = floor.agentRow('李娜 Li Na');
    await expect(row.getByRole('cell').first()).toHaveText('Ready');
    await row.getByRole('combobox', { name: 'Not-ready reason for 李娜 Li Na' }).selectOption({ label: 'Training' });
    await row.getByRole('button', { name: 'Force not ready', exact: true }).click();
    await expect(row.getByRole('status')).toHaveText('李娜 Li Na is Not ready now.');

    // The agent's desktop, without a reload: the state, and who changed it and why.
    await expect(desktop.agentState()).toHaveText('Not ready (training)');
    const notices = page.getByRole('region', { name: 'Supervisor notices' });
    await expect(notices).toContainText('E2E Supervisor set you to Not ready (Training).');

    await row.getByRole('button', { name: 'Send message', exact: true }).click();
    await row.getByRole('textbox', { name: 'Message to 李娜 Li Na' }).fill('请十分钟后到会议室 Team huddle in 10 minutes');
    await row.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(row.getByRole('status')).toHaveText('Message sent to 李娜 Li Na.');
    const message = notices.locator('.notice').filter({ hasText: 'Team huddle in 10 minutes' });
    await expect(message).toHaveText(/Message from E2E Supervisor: 请十分钟后到会议室 Team huddle in 10 minutes/);
    await message.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await expect(message).toHaveCount(0);

    await row.getByRole('button', { name: 'Log out', exact: true }).click();
    await expect(desktop.agentState()).toHaveText('Logged out by a supervisor');
    await desktop.readyButton().click(); // back in by choosing a state
    await expect(desktop.agentState()).toHaveText('Ready');
  } finally {
    await floor.page.context().close();
  }
});

test('a supervisor pulls a waiting call to an agent outside its queue, whose phone rings with it', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(120_000);
  // The queue's only member stays signed out: the caller waits. Tom is of the team, not the queue.
  const cast = await makeCast({
    users: [
      { key: 'member', role: 'agent', displayName: '王磊 Wang Lei' },
      { key: 'floater', role: 'agent', displayName: 'Tom Walker' },
      { key: 'supervisor', role: 'supervisor', displayName: 'E2E Supervisor' },
      { key: 'admin', role: 'admin', displayName: 'E2E Admin' },
    ],
    queue: { members: ['member'] },
  });
  await signIn(request, cast.users.admin!.username);
  const zhang = await makeCaller(request, '张伟');
  const desktop = await AgentDesktopPage.signedIn(page, cast.users.floater!.username);
  await desktop.goReady();

  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  const supervisorApi = await apiAs(cast.users.supervisor!.username, baseURL);
  let floor: FloorPage | null = null;
  try {
    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAs(zhang.typed, zhang.e164);
    await phone.dial(cast.queue!.dialNumber);
    await expect(phone.callState()).toHaveText('Waiting in queue', { timeout: 15_000 });
    // The admission is done once the floor lists the call.
    const waitingHere = async () =>
      ((await (await supervisorApi.get('/api/floor/waiting-calls')).json()) as { items: { queueId: number; queueName: string }[] }).items.filter(
        (c) => c.queueId === cast.queue!.id,
      );
    await expect.poll(async () => (await waitingHere()).length).toBe(1);
    const [waiting] = await waitingHere();

    floor = await supervisorFloor(browser, baseURL, cast.users.supervisor!.username);
    const row = floor.waitingRow(waiting!.queueName);
    await row.getByRole('combobox', { name: /^Where to pull the call/ }).selectOption({ label: 'Agent: Tom Walker' });
    await row.getByRole('button', { name: 'Pull', exact: true }).click();

    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    await expect(desktop.callLine()).toHaveText(`Incoming call from ${zhang.name} (${zhang.shown})`);
    await desktop.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await desktop.hangUpButton().click();
    await expect(phone.callState()).not.toHaveText('Connected');
  } finally {
    await floor?.page.context().close();
    await callerContext.close();
    await supervisorApi.dispose();
  }
});

test('a supervisor has a phone of their own and calls a callback task from My work', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(150_000);
  const desk = await makeDesk(request, ['王磊 Wang Lei']);
  const DAVID = await makeCaller(request, 'David Miller', { ownerId: desk.agents[0]!.id, number: uniqueUsNumber() });
  const calleeContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const phone = new WebPhonePage(await calleeContext.newPage());
    await phone.open();
    await phone.connectAs(DAVID.typed, DAVID.e164);

    await Shell.signedIn(page, desk.supervisor.username);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My phone', exact: true }).click();
    const desktop = new AgentDesktopPage(page);
    await expect(desktop.heading()).toBeVisible();
    await expect(desktop.phoneState()).toHaveText('Phone connected', { timeout: 15_000 });

    // A callback of the supervisor's own: a ticket they hold with a follow-up due now.
    const ticket = await createTicket(page.request, DAVID.id, `E2E ${Date.now() % 100_000}: unhappy with the last call`);
    await scheduleFollowUpNow(page.request, ticket.id, 'Call back: scored the last call 2 of 5.');
    const work = new MyWorkPage(page);
    await work.open();
    const task = work.task(DAVID.name).filter({ hasText: ticket.number });
    await expect(task).not.toContainText('Your phone is not connected');
    await task.getByRole('button', { name: `Call ${DAVID.name}`, exact: true }).click();

    await expect(phone.answerButton()).toBeVisible({ timeout: 15_000 });
    await phone.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await task.getByRole('button', { name: 'Hang up', exact: true }).click();
    await expect(phone.callState()).toHaveText('Call ended');
    await expect(desktop.wrapUpForm().getByRole('link', { name: ticket.number })).toBeVisible();
    await desktop.wrapUp('Resolved on first contact', 'not_ready');
    await expect(desktop.wrapUpForm()).toBeHidden();
  } finally {
    await calleeContext.close();
  }
});
