// The segment builder in the console: a marketer filters the customer base by a tag, sees the
// live count (a customer without marketing consent counted but left out), looks at the sample,
// and saves the segment as a campaign's dial list.
import { expect, test } from '@playwright/test';
import { Shell } from './pages/shell.js';
import { apiAs, createCustomer, makeCast, uniqueMobile } from './support/fixtures.js';

test('a marketer builds a segment, sees its count and sample, and saves it to a campaign', async ({ page }) => {
  const { users, tag } = await makeCast({
    users: [
      { key: 'm', role: 'marketer', displayName: 'Sally Segments' },
      { key: 'a', role: 'admin', displayName: 'Adam Admin' },
    ],
  });
  const admin = await apiAs(users.a!.username);
  const marketer = await apiAs(users.m!.username);
  const people = [`Yes Yvonne ${tag}`, `Yes Yusuf ${tag}`, `Silent Simon ${tag}`];
  for (const [i, name] of people.entries()) {
    const c = await createCustomer(admin, { name, tags: [tag], phones: [{ number: uniqueMobile('136').typed }], valueTier: 'gold' });
    if (i < 2) expect((await admin.post(`/api/customers/${c.id}/consents`, { data: { purpose: 'marketing_calls', decision: 'given', channel: 'web_form' } })).status()).toBe(201);
  }
  const created = await marketer.post('/api/campaigns', { data: { name: `Gold ${tag}`, purpose: 'marketing', mode: 'preview' } });
  expect(created.status()).toBe(201);
  const campaign = (await created.json()) as { id: number };

  const shell = await Shell.signedIn(page, users.m!.username);
  await page.getByRole('navigation').getByRole('link', { name: 'Segments' }).click();
  await expect(shell.heading()).toHaveText('Segments and purchases');

  const builder = page.getByRole('region', { name: 'Build a segment' });
  await builder.getByRole('textbox', { name: 'Tags (any of, separated by commas)' }).fill(tag);
  await builder.getByRole('checkbox', { name: 'Gold' }).check();
  await expect(builder.getByText('3 customers match; 2 would be on a list.')).toBeVisible();
  await expect(builder.getByText('0 on do-not-call lists, 1 without marketing-call consent')).toBeVisible();

  await builder.getByRole('button', { name: 'Show a sample of 10' }).click();
  const sample = builder.getByRole('table', { name: 'Sample' });
  await expect(sample.getByRole('row')).toHaveCount(3);
  await expect(sample).toContainText(people[0]!);
  await expect(sample).not.toContainText(people[2]!);

  await builder.getByLabel('Campaign').selectOption(String(campaign.id));
  await builder.getByRole('button', { name: 'Save to campaign' }).click();
  await expect(builder.getByText(`2 leads added to “Gold ${tag}” (0 were already on it; 3 matched).`)).toBeVisible();
  await builder.getByRole('link', { name: 'Open the campaign' }).click();
  await expect(shell.heading()).toHaveText(`Gold ${tag}`);
  await expect(page.getByRole('region', { name: 'Figures' })).toContainText('Leads2');
});
