// An admin decides that a queue's calls are recorded: the queue's form offers the three
// policies by name, the choice is saved and shown again, and the change is in the audit log.
import { expect, test } from '@playwright/test';
import { QueuesPage } from './pages/administration.js';
import { Shell } from './pages/shell.js';
import { makeDesk } from './support/fixtures.js';

test('an admin sets a queue to record every call, and to record on the agent’s demand', async ({ page, request }) => {
  const desk = await makeDesk(request, ['Rec Agent']);
  const display = `E2E ${desk.tag}`;
  await Shell.signedIn(page, desk.admin.username);
  const queues = new QueuesPage(page);
  await queues.open();

  for (const [label, value] of [
    ['Record every call', 'all'],
    ['Record when the agent starts it', 'on_demand'],
  ] as const) {
    await page.getByRole('button', { name: `Edit queue ${display}` }).click();
    const form = page.getByRole('region', { name: `Edit queue ${display}` });
    const policy = form.getByRole('combobox', { name: 'Call recording' });
    await policy.selectOption({ label });
    await form.getByRole('button', { name: 'Save' }).click();
    // Saved: the form closes and says so.
    await expect(form).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Queue ${display} was saved.` })).toBeVisible();
    const saved = await request.get(`/api/admin/queues/${desk.queueId}`);
    expect((await saved.json()).recordingPolicy).toBe(value);
  }
  // Opened again, the form shows the policy in force.
  await page.getByRole('button', { name: `Edit queue ${display}` }).click();
  await expect(page.getByRole('region', { name: `Edit queue ${display}` }).getByRole('combobox', { name: 'Call recording' })).toHaveValue('on_demand');
  const audit = await request.get(`/api/admin/audit?action=admin.queue.updated&entity=queue&entityId=${desk.queueId}`);
  expect(JSON.stringify(await audit.json())).toContain('recordingPolicy');
});
