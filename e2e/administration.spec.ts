// An admin sets up a team and an agent from the console; the agent signs in with the one-time
// password, chooses their own, and takes their desk; deactivating them signs them out at once.
import { expect, test } from '@playwright/test';
import { createTeamAndAgent, newAgentGoesReady, signedInAdmin } from './support/admin-setup.js';

test('an admin creates a team and an agent; the agent chooses a password, goes Ready, and is signed out when deactivated', async ({ browser, page, baseURL }) => {
  test.setTimeout(120_000);
  const { tag } = await signedInAdmin(page);

  const team = `Night ${tag}`;
  const username = `new.${tag}`.toLowerCase();
  const name = `New Agent ${tag}`;
  const { usersPage, oneTime } = await createTeamAndAgent(page, { team, username, name });
  expect(oneTime).toMatch(/^[A-Za-z2-9]{12}$/);
  await expect(usersPage.row(name)).toContainText(team);
  await expect(usersPage.row(name)).toContainText('Must set a password');

  const agent = await newAgentGoesReady(browser, baseURL, { username, oneTime, password: 'my-own-long-password' });
  try {
    await usersPage.row(name).getByRole('button', { name: `Deactivate ${name}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `${name} was deactivated` })).toBeVisible();
    // The agent's console ends at once, without any action of theirs.
    await expect(agent.signIn.username()).toBeVisible();
    await agent.signIn.signIn(username, 'my-own-long-password');
    await expect(agent.signIn.alert()).toHaveText('Wrong username or password.');
  } finally {
    await agent.context.close();
  }
});
