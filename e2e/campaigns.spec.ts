// Outbound campaigns in the console: a marketer imports a list and sees each rejected row with its
// reason, and the dry run says why a do-not-call, a no-consent and an outside-window lead are not
// dialled (and that a do-not-call entry applies at once).
import { expect, test, type APIRequestContext } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { Shell } from './pages/shell.js';
import { WebPhonePage } from './pages/web-phone.js';
import { apiAs, makeCast, makeDesk, uniqueMobile } from './support/fixtures.js';

/** An Etc/GMT zone whose wall clock reads about `hour` o'clock now (Etc/GMT-8 is UTC+8). */
function zoneAtHour(hour: number): string {
  let offset = (hour - new Date().getUTCHours() + 24) % 24;
  if (offset > 12) offset -= 24;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

async function customerIdOf(admin: APIRequestContext, e164: string): Promise<number> {
  const r = await admin.get(`/api/customers?phone=${encodeURIComponent(e164)}`);
  expect(r.ok()).toBe(true);
  return ((await r.json()) as { items: { id: number }[] }).items[0]!.id;
}

test.describe('campaigns', () => {
  test('a marketer creates a campaign, imports a list with bad rows and sees each rejected row and its reason', async ({ page }) => {
    const { users, tag } = await makeCast({ users: [{ key: 'm', role: 'marketer', displayName: 'Mia Marketer' }] });
    const shell = await Shell.signedIn(page, users.m!.username);
    await expect(shell.heading()).toHaveText('Campaigns');

    const form = page.getByRole('region', { name: 'New campaign' });
    await form.getByRole('textbox', { name: 'Name' }).fill(`Renewals ${tag}`);
    await form.getByLabel('Purpose').selectOption('service');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await expect(shell.heading()).toHaveText(`Renewals ${tag}`);

    const good = uniqueMobile('137');
    const csv = ['name,phone', `Good Lead,${good.typed}`, 'Typo Lead,12345', 'Blank Lead,', `Twice Lead,${good.e164}`].join('\n');
    const importer = page.getByRole('region', { name: 'Import leads' });
    await importer.getByLabel('CSV file').setInputFiles({ name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await importer.getByRole('button', { name: 'Import' }).click();
    await expect(importer.getByRole('status')).toContainText('Rows read: 4. Imported: 1. Rejected: 3.');
    const rejected = importer.getByRole('table', { name: 'Rejected rows (3)' });
    await expect(rejected.getByRole('row', { name: /^2 / })).toContainText('Not a valid phone number');
    await expect(rejected.getByRole('row', { name: /^2 / })).toContainText('12345');
    await expect(rejected.getByRole('row', { name: /^3 / })).toContainText('No number');
    await expect(rejected.getByRole('row', { name: /^4 / })).toContainText('Same number (or customer) as an earlier row');
    await expect(importer.getByRole('link', { name: 'Download the rejected rows (CSV)' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Figures' })).toContainText('Leads1');
  });

  test('the dry run says why a do-not-call, a no-consent and an outside-window lead are not dialled', async ({ page }) => {
    const { users, tag } = await makeCast({
      users: [
        { key: 'm', role: 'marketer', displayName: 'Max Marketer' },
        { key: 'a', role: 'admin', displayName: 'Ada Admin' },
      ],
    });
    const marketer = await apiAs(users.m!.username);
    const admin = await apiAs(users.a!.username);
    const created = await marketer.post('/api/campaigns', { data: { name: `Offers ${tag}`, purpose: 'marketing', mode: 'preview' } });
    expect(created.status()).toBe(201);
    const campaign = (await created.json()) as { id: number };

    const leads = { ready: uniqueMobile('135'), dnc: uniqueMobile('135'), silent: uniqueMobile('135'), night: uniqueMobile('135') };
    const csv = [
      'name,phone,timezone',
      `Ready Rita,${leads.ready.e164},${zoneAtHour(12)}`,
      `Dnc Dora,${leads.dnc.e164},${zoneAtHour(12)}`,
      `Silent Sam,${leads.silent.e164},${zoneAtHour(12)}`,
      `Night Nina,${leads.night.e164},${zoneAtHour(3)}`,
    ].join('\n');
    const imported = await marketer.post(`/api/campaigns/${campaign.id}/leads/import`, { data: csv, headers: { 'content-type': 'text/csv' } });
    expect(((await imported.json()) as { imported: number }).imported).toBe(4);
    for (const l of [leads.ready, leads.dnc, leads.night]) {
      const id = await customerIdOf(admin, l.e164);
      expect((await admin.post(`/api/customers/${id}/consents`, { data: { purpose: 'marketing_calls', decision: 'given', channel: 'web_form' } })).status()).toBe(201);
    }
    expect((await marketer.post('/api/dnc', { data: { number: leads.dnc.e164, campaignId: campaign.id } })).status()).toBe(201);

    await Shell.signedIn(page, users.m!.username);
    await page.goto(`/campaigns/${campaign.id}`);
    const dryRun = page.getByRole('region', { name: 'Dry run: who would be dialled now' });
    await expect(dryRun.getByRole('heading', { name: 'Would be dialled now: 1' })).toBeVisible();
    await expect(dryRun.getByRole('table', { name: 'Would be dialled now: 1' })).toContainText('Ready Rita');
    const reasons = dryRun.getByRole('table', { name: 'Not dialled now, and why' });
    await expect(reasons.getByRole('row', { name: 'On a do-not-call list' })).toContainText('1');
    await expect(reasons.getByRole('row', { name: 'No marketing-call consent' })).toContainText('1');
    await expect(reasons.getByRole('row', { name: 'Outside the calling window in the lead’s time' })).toContainText('1');
    await expect(dryRun.getByRole('table', { name: 'Examples: On a do-not-call list' })).toContainText('Dnc Dora');
    await expect(dryRun.getByRole('table', { name: 'Examples: No marketing-call consent' })).toContainText('Silent Sam');
    await expect(dryRun.getByRole('table', { name: 'Examples: Outside the calling window in the lead’s time' })).toContainText('Night Nina');

    // Rita asks not to be called: on the global list, the dry run holds her back at once.
    const dnc = page.getByRole('region', { name: 'Do-not-call' });
    await dnc.getByRole('textbox', { name: 'Number', exact: true }).fill(leads.ready.typed);
    await dnc.getByRole('combobox', { name: 'List' }).selectOption('global');
    await dnc.getByRole('button', { name: 'Add to do-not-call' }).click();
    await expect(dnc.getByRole('status')).toContainText('will not be called');
    await expect(dryRun.getByRole('heading', { name: 'Would be dialled now: 0' })).toBeVisible();
    await expect(reasons.getByRole('row', { name: 'On a do-not-call list' })).toContainText('2');
  });

  test('an agent takes the next lead in preview mode and calls it from the desk to the lead’s phone', async ({ page, browser, baseURL, request }) => {
    test.setTimeout(120_000);
    const desk = await makeDesk(request, ['Pia Preview']);
    const { users, tag } = await makeCast({ users: [{ key: 'm', role: 'marketer', displayName: 'Mo Marketer' }] });
    const marketer = await apiAs(users.m!.username);
    const created = await marketer.post('/api/campaigns', { data: { name: `Follow-ups ${tag}`, purpose: 'service', mode: 'preview' } });
    const campaign = (await created.json()) as { id: number; version: number };
    const lead = uniqueMobile('136');
    const imported = await marketer.post(`/api/campaigns/${campaign.id}/leads/import`, {
      data: `name,phone,timezone\nLena Lead,${lead.e164},${zoneAtHour(12)}`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(((await imported.json()) as { imported: number }).imported).toBe(1);
    expect((await marketer.patch(`/api/campaigns/${campaign.id}`, { data: { version: campaign.version, agentIds: [desk.agents[0]!.id] } })).status()).toBe(200);
    expect((await marketer.post(`/api/campaigns/${campaign.id}/start`)).status()).toBe(200);

    const calleeContext = await browser.newContext({ baseURL, locale: 'en-US' });
    try {
      const phone = new WebPhonePage(await calleeContext.newPage());
      await phone.open();
      await phone.connectAs(lead.typed, lead.e164);

      const desktop = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
      await expect(desktop.phoneState()).toHaveText('Phone connected', { timeout: 15_000 });
      const campaignDesk = page.getByRole('region', { name: 'Campaign calls' });
      await campaignDesk.getByRole('button', { name: 'Next lead' }).click();
      await expect(campaignDesk.getByRole('heading', { name: 'Lena Lead' })).toBeVisible();
      await campaignDesk.getByRole('button', { name: `Call ${lead.shown}` }).click();

      await expect(phone.answerButton()).toBeVisible({ timeout: 15_000 });
      await phone.answerButton().click();
      await expect(phone.callState()).toHaveText('Connected');
      await desktop.hangUpButton().click();
      await expect(phone.callState()).toHaveText('Call ended');

      await campaignDesk.getByRole('combobox', { name: 'Outcome' }).selectOption('interested');
      await campaignDesk.getByRole('button', { name: 'Record outcome' }).click();
      await expect(campaignDesk.getByRole('button', { name: 'Next lead' })).toBeVisible();

      const after = (await (await marketer.get(`/api/campaigns/${campaign.id}`)).json()) as { leads: { dialled: number; byStatus: Record<string, number> } };
      expect(after.leads).toMatchObject({ dialled: 1, byStatus: { interested: 1 } });
      // The call is the campaign's, in the customer's history.
      const admin = await apiAs(desk.admin.username);
      const customerId = await customerIdOf(admin, lead.e164);
      const history = (await (await admin.get(`/api/customers/${customerId}/interactions`)).json()) as { items: { direction: string; campaignName: string | null }[] };
      expect(history.items[0]).toMatchObject({ direction: 'outbound', campaignName: `Follow-ups ${tag}` });
    } finally {
      await calleeContext.close();
    }
  });
});
