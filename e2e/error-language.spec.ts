import { expect, test } from '@playwright/test';
import { createComplaint } from './pages/case-pages.js';
import { Shell } from './pages/shell.js';
import { makeDesk } from './support/fixtures.js';

// A refusal the server words (here a complaint rule) reaches the screen in the language the
// agent works in, although the browser asks for English: the saved language wins.
test('a server refusal reads in 简体中文 for an agent who works in 简体中文', async ({ page, request }) => {
  const { agents } = await makeDesk(request, ['王磊 Wang Lei']);
  const shell = await Shell.signedIn(page, agents[0]!.username);
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/me') && r.request().method() === 'PATCH');
  await shell.chooseLanguage('简体中文');
  expect((await saved).ok()).toBe(true);
  try {
    const created = await page.request.post('/api/customers', { data: { name: `E2E 客户 ${Date.now() % 100_000}` } });
    expect(created.status(), await created.text()).toBe(201);
    const customerId = ((await created.json()) as { customer: { id: number } }).customer.id;
    const complaint = await createComplaint(page.request, customerId, `E2E ${Date.now() % 100_000}: 空调噪音`);
    const resolved = await page.request.post(`/api/cases/${complaint.id}/transitions`, {
      data: { version: 1, action: 'resolve', resolution: '已上门检修空调。', rootCause: 'product_defect' },
    });
    expect(resolved.status(), await resolved.text()).toBe(200);

    // Neither the customer's confirmation nor a contact attempt yet: closing is refused.
    await page.goto(`/cases/${complaint.id}`);
    const status = page.getByRole('region', { name: '状态', exact: true });
    await status.getByRole('button', { name: '关闭', exact: true }).click();
    await expect(status.getByRole('alert')).toHaveText('状态未更改。须在客户确认问题已解决，或已尝试回访联系客户之后，才能关闭投诉。');
  } finally {
    await shell.chooseLanguage('English');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
});
