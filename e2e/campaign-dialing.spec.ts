// Progressive dialing in the console: a marketer starts the campaign from its page, the switch
// rings the lead's web phone, and once the lead answers the ready agent's phone rings with the
// lead on their desk; the campaign page's live figures follow without a reload.
import { expect, test } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { Shell } from './pages/shell.js';
import { WebPhonePage } from './pages/web-phone.js';
import { apiAs, makeCast, makeDesk, uniqueMobile } from './support/fixtures.js';

test('a marketer starts a progressive campaign and the ready agent gets the answered lead with its pop', async ({ page, browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const desk = await makeDesk(request, ['Paul Progressive']);
  const { users, tag } = await makeCast({ users: [{ key: 'm', role: 'marketer', displayName: 'Meg Marketer' }] });
  const marketer = await apiAs(users.m!.username);
  const created = await marketer.post('/api/campaigns', {
    data: { name: `Renewal calls ${tag}`, purpose: 'service', mode: 'progressive', rules: { window: { start: '00:00', end: '24:00' }, skipHolidays: false } },
  });
  expect(created.status()).toBe(201);
  const campaign = (await created.json()) as { id: number; version: number };
  const lead = uniqueMobile('134');
  const imported = await marketer.post(`/api/campaigns/${campaign.id}/leads/import`, { data: `name,phone\nRosa Renewal,${lead.e164}`, headers: { 'content-type': 'text/csv' } });
  expect(((await imported.json()) as { imported: number }).imported).toBe(1);
  expect((await marketer.patch(`/api/campaigns/${campaign.id}`, { data: { version: campaign.version, agentIds: [desk.agents[0]!.id] } })).status()).toBe(200);

  const leadContext = await browser.newContext({ baseURL, locale: 'en-US' });
  const marketerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const phone = new WebPhonePage(await leadContext.newPage());
    await phone.open();
    await phone.connectAs(lead.typed, lead.e164);

    const desktop = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
    await desktop.goReady();

    const campaignPage = await marketerContext.newPage();
    await Shell.signedIn(campaignPage, users.m!.username);
    await campaignPage.goto(`/campaigns/${campaign.id}`);
    const live = campaignPage.getByRole('region', { name: 'Live dialing' });
    await expect(live).toContainText('Not dialing now.');
    await campaignPage.getByRole('button', { name: 'Start campaign' }).click();
    await expect(live).toContainText('Dialing now');

    // The lead's phone rings first; the agent's only once the lead answers.
    await expect(phone.answerButton()).toBeVisible({ timeout: 15_000 });
    await expect(desktop.answerButton()).toHaveCount(0);
    await phone.answerButton().click();
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    await expect(desktop.callerDetails().getByRole('heading', { name: 'Rosa Renewal' })).toBeVisible();
    await desktop.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await expect(live.getByRole('definition').nth(3)).toHaveText('1'); // connected to an agent
    await expect(live).toContainText('0.0 % of 3.0 % allowed');

    await desktop.hangUpButton().click();
    await expect(phone.callState()).toHaveText('Call ended');
    await campaignPage.getByRole('button', { name: 'Stop campaign' }).click();
    await expect(live).toContainText('Not dialing now.');
  } finally {
    await leadContext.close();
    await marketerContext.close();
  }
});
