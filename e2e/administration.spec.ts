// An admin sets up a team and an agent from the console; the agent signs in with the one-time
// password, chooses their own, and takes their desk; deactivating them signs them out at once.
import { expect, test } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { ChooseOwnPasswordPage, TeamsPage, UsersPage } from './pages/administration.js';
import { Shell } from './pages/shell.js';
import { SignInPage } from './pages/sign-in-page.js';
import { makeCast } from './support/fixtures.js';

test('an admin creates a team and an agent; the agent chooses a password, goes Ready, and is signed out when deactivated', async ({ browser, page, baseURL }) => {
  test.setTimeout(120_000);
  const { users, tag } = await makeCast({ users: [{ key: 'admin', role: 'admin', displayName: 'E2E Admin' }] });
  await Shell.signedIn(page, users.admin!.username);

  const team = `Night ${tag}`;
  const teams = new TeamsPage(page);
  await teams.open();
  await teams.create(team);

  const usersPage = new UsersPage(page);
  await usersPage.open();
  const username = `new.${tag}`.toLowerCase();
  const name = `New Agent ${tag}`;
  const oneTime = await usersPage.createAgent(username, name, team);
  expect(oneTime).toMatch(/^[A-Za-z2-9]{12}$/);
  await expect(usersPage.row(name)).toContainText(team);
  await expect(usersPage.row(name)).toContainText('Must set a password');

  const agentContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const agentPage = await agentContext.newPage();
    const signIn = new SignInPage(agentPage);
    await signIn.open();
    await signIn.signIn(username, oneTime);
    await new ChooseOwnPasswordPage(agentPage).choose(oneTime, 'my-own-long-password');
    const desktop = new AgentDesktopPage(agentPage);
    await expect(desktop.heading()).toBeVisible();
    await expect(desktop.phoneState()).toHaveText('Phone connected', { timeout: 30_000 });
    await desktop.goReady();

    await usersPage.row(name).getByRole('button', { name: `Deactivate ${name}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `${name} was deactivated` })).toBeVisible();
    // The agent's console ends at once, without any action of theirs.
    await expect(signIn.username()).toBeVisible();
    await signIn.signIn(username, 'my-own-long-password');
    await expect(signIn.alert()).toHaveText('Wrong username or password.');
  } finally {
    await agentContext.close();
  }
});
