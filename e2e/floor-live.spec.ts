import { expect, test } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { FloorPage } from './pages/floor.js';
import { Shell } from './pages/shell.js';
import { WebPhonePage } from './pages/web-phone.js';
import { makeCast, makeCaller, signIn } from './support/fixtures.js';

// The Floor page live: a supervisor watches a call join the queue and leave it with no reload,
// and puts an agent of their team into the queue from the floor, whose phone then rings with
// the waiting call.

test('a waiting call appears on the Floor page and leaves it live; an agent put in the queue from the floor takes it', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(150_000);
  // The queue's only member stays signed out, so callers wait. Tom is of the team, not the queue.
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
  // The floor names a queue by its display name.
  const queueName = `E2E ${cast.tag}`;

  const desktop = await AgentDesktopPage.signedIn(page, cast.users.floater!.username);
  await desktop.goReady();
  const supervisorContext = await browser.newContext({ baseURL, locale: 'en-US' });
  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const supervisorPage = await supervisorContext.newPage();
    await Shell.signedIn(supervisorPage, cast.users.supervisor!.username);
    const floor = new FloorPage(supervisorPage);
    await floor.open();
    await expect(supervisorPage.getByText('Updated live as callers join and leave the queues.')).toBeVisible();
    await expect(floor.waitingRow(queueName)).toHaveCount(0);

    // A caller joins the queue: the row appears without a reload.
    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAs(zhang.typed, zhang.e164);
    await phone.dial(cast.queue!.dialNumber);
    await expect(phone.callState()).toHaveText('Waiting in queue', { timeout: 15_000 });
    await expect(floor.waitingRow(queueName)).toHaveCount(1);

    // And leaves it: the row goes.
    await phone.hangUpButton().click();
    await expect(floor.waitingRow(queueName)).toHaveCount(0);

    // Calls again, and the supervisor puts Tom in the queue from the floor.
    await phone.dial(cast.queue!.dialNumber);
    await expect(phone.callState()).toHaveText('Waiting in queue', { timeout: 15_000 });
    await expect(floor.waitingRow(queueName)).toHaveCount(1);
    const routingButton = floor.agentRow('Tom Walker').getByRole('button', { name: 'Queues and skills of Tom Walker', exact: true });
    await routingButton.click();
    const routing = supervisorPage.getByRole('region', { name: 'Tom Walker: queues and skills' });
    await expect(routing.getByRole('heading', { name: 'Tom Walker: queues and skills' })).toBeFocused();
    await routing.getByRole('checkbox', { name: `Tom Walker takes calls of ${queueName}`, exact: true }).check();
    await routing.getByRole('button', { name: "Save the agent's skills and queues", exact: true }).click();
    await expect(routing.getByRole('status')).toHaveText('Tom Walker’s queues and skills were saved.');
    // Escape closes the panel and gives the focus back to the button that opened it.
    await supervisorPage.keyboard.press('Escape');
    await expect(routing).toHaveCount(0);
    await expect(routingButton).toBeFocused();

    // Routing follows at once: Tom's phone rings with the waiting call, which leaves the list.
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    await expect(desktop.callLine()).toHaveText(`Incoming call from ${zhang.name} (${zhang.shown})`);
    await desktop.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await expect(floor.waitingRow(queueName)).toHaveCount(0);
    await desktop.hangUpButton().click();

    // The change is audited as the supervisor's.
    const audit = await request.get(`/api/admin/audit?userId=${cast.users.supervisor!.id}&action=admin.agent.&entityId=${cast.users.floater!.id}`);
    expect(audit.ok(), await audit.text()).toBe(true);
    const entries = ((await audit.json()) as { items: { action: string }[] }).items;
    expect(entries.map((e) => e.action)).toContain('admin.agent.routing-changed');
  } finally {
    await supervisorContext.close();
    await callerContext.close();
  }
});
