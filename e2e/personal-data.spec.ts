import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Shell } from './pages/shell.js';
import { Customer360Page } from './pages/customer-pages.js';
import { addPastCall, makeCaller, makeDesk } from './support/fixtures.js';

test.describe('personal data on the customer page', () => {
  test('an admin records a withdrawal of consent, downloads the export and erases the customer', async ({ page, request }) => {
    const desk = await makeDesk(request, ['Ada Agent']);
    const caller = await makeCaller(request, 'Rosalind Privacy', { email: 'rosalind@example.test', address: '9 Consent Road' });
    await addPastCall({ customerId: caller.id, agentId: desk.agents[0]!.id, queueId: desk.queueId, disposition: 'resolved_first_time', notes: 'Asked not to be called for offers', minutesAgo: 30 });

    await Shell.signedIn(page, desk.admin.username);
    const c360 = new Customer360Page(page);
    await c360.open(caller.id);
    await expect(c360.heading()).toHaveText('Rosalind Privacy');

    const consent = c360.consent();
    const marketingCalls = consent.getByRole('row', { name: /Marketing calls/ });
    await expect(marketingCalls).toContainText('Not asked');
    await consent.getByLabel('Purpose', { exact: true }).selectOption('marketing_calls');
    await consent.getByLabel('Decision', { exact: true }).selectOption('withdrawn');
    await consent.getByLabel('How', { exact: true }).selectOption('call');
    await consent.getByRole('button', { name: 'Save decision' }).click();
    await expect(consent.getByRole('status')).toContainText('Decision saved');
    await expect(marketingCalls).toContainText('Withdrawn');
    await expect(marketingCalls).toContainText('On a call');

    const requests = c360.dataRequests();
    const downloading = page.waitForEvent('download');
    await requests.getByRole('link', { name: 'Export as JSON' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`customer-${caller.id}.json`);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.profile).toMatchObject({ name: 'Rosalind Privacy', email: 'rosalind@example.test' });
    expect(exported.consents[0]).toMatchObject({ purpose: 'marketing_calls', decision: 'withdrawn', channel: 'call' });
    expect(exported.interactions[0].notes).toBe('Asked not to be called for offers');

    await requests.getByRole('button', { name: 'Erase customer…' }).click();
    await expect(requests.getByRole('group')).toContainText('cannot be undone');
    await requests.getByRole('button', { name: 'Erase for good' }).click();
    await expect(c360.heading()).toHaveText('Erased customer');
    await expect(requests.getByRole('status')).toContainText('The customer was erased on');
    await expect(c360.profile()).not.toContainText('rosalind@example.test');
    await expect(c360.profile()).not.toContainText(caller.e164);
    await expect(c360.profile()).not.toContainText(caller.shown);
    await expect(c360.history().getByRole('listitem').first()).toContainText('[redacted]');
    await expect(requests.getByRole('button', { name: 'Erase customer…' })).toHaveCount(0);
  });
});
