// An admin sets up a queue from the console: a team, a new agent, and a queue answering a new
// number with that agent in it. The agent signs in with the one-time password, chooses their
// own, goes Ready, and takes a call that a caller's web phone makes to the queue's number.
import { randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { QueuesPage, SkillsPage } from './pages/administration.js';
import { Shell } from './pages/shell.js';
import { answeredTestCall, createTeamAndAgent, newAgentGoesReady, signedInAdmin } from './support/admin-setup.js';
import { makeCast } from './support/fixtures.js';

test('an admin creates a team, an agent and a queue with a number; the agent takes a call to that number', async ({ browser, page, baseURL }) => {
  test.setTimeout(150_000);
  const { tag } = await signedInAdmin(page);

  const team = `Hotline ${tag}`;
  const username = `hot.${tag}`.toLowerCase();
  const name = `Hotline Agent ${tag}`;
  const { oneTime } = await createTeamAndAgent(page, { team, username, name });

  // A 400 number of its own, written the way people write it.
  const digits = `400${randomInt(1_000_000, 10_000_000)}`;
  const queues = new QueuesPage(page);
  await queues.open();
  const queueName = `hotline-${tag}`.toLowerCase();
  await queues.create(queueName, `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`, [name]);
  // Stored as +86…, shown in the home region's national grouping.
  await expect(queues.row(queueName)).toContainText(`${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`);

  const { context: agentContext, desktop } = await newAgentGoesReady(browser, baseURL, { username, oneTime, password: 'my-own-long-password' });
  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    await answeredTestCall(await callerContext.newPage(), desktop, digits);
  } finally {
    await callerContext.close();
    await agentContext.close();
  }
});

test("a supervisor sets their own agent's skill level, and is refused for another team's agent", async ({ page }) => {
  const own = await makeCast({
    users: [
      { key: 'lead', role: 'supervisor', displayName: 'E2E Lead' },
      { key: 'agent', role: 'agent', displayName: 'E2E Own Agent' },
    ],
  });
  const other = await makeCast({ users: [{ key: 'agent', role: 'agent', displayName: 'E2E Other Agent' }] });
  const ownAgent = own.users.agent!.displayName;
  const otherAgent = other.users.agent!.displayName;
  await Shell.signedIn(page, own.users.lead!.username);

  const skills = new SkillsPage(page);
  await skills.open();
  await skills.pickAgent(ownAgent);
  await skills.setSkill(ownAgent, 'support', 7);
  await expect(page.getByRole('status').filter({ hasText: `${ownAgent}'s skills and queues were saved.` })).toBeVisible();

  await skills.pickAgent(otherAgent);
  // The server refuses (403, audited); the console says so in its own words.
  await expect(page.getByRole('alert').filter({ hasText: 'You are not allowed to do this.' })).toBeVisible();
  await expect(page.getByRole('button', { name: "Save the agent's skills and queues" })).toBeHidden();
});
