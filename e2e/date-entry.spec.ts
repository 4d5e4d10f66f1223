import { expect, test } from '@playwright/test';
import { CasePage, createTicket } from './pages/case-pages.js';
import { Shell } from './pages/shell.js';
import { makeCast, makeCaller, signIn } from './support/fixtures.js';

// Date and time fields in the console's language and the contact center's zone, in a browser
// whose own locale (en-US: a native date input shows mm/dd/yyyy) and zone (New York) are not the
// console's language nor the center's (Shanghai, the demo's business calendar).
test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

test('in 简体中文 a follow-up is typed as 2027年1月15日 17:00 on the contact center’s clocks and saved as that instant', async ({ page, request }) => {
  const cast = await makeCast({ users: [{ key: 'admin', role: 'admin', displayName: 'E2E Admin' }] });
  await signIn(request, cast.users.admin!.username);
  const caller = await makeCaller(request, '张伟');
  const ticket = await createTicket(request, caller.id, `E2E ${Date.now() % 100_000}: 发票抬头需要更改`);
  const center = (await (await request.get('/api/settings/center-zone')).json()) as { timeZone: string };
  expect(center.timeZone).toBe('Asia/Shanghai');

  const shell = await Shell.signedIn(page, cast.users.admin!.username);
  await shell.chooseLanguage('简体中文');
  await page.goto(`/cases/${ticket.id}`);
  await expect(new CasePage(page).heading()).toBeVisible();
  const followUps = page.getByRole('region', { name: '回访', exact: true });
  const date = followUps.getByRole('textbox', { name: '回访时间：日期' });
  const time = followUps.getByRole('textbox', { name: '回访时间：时间' });
  // No field of the browser's own: those would show mm/dd/yyyy here.
  await expect(page.locator('input[type="date"], input[type="datetime-local"], input[type="time"]')).toHaveCount(0);
  await expect(followUps.getByText('呼叫中心时间：Asia/Shanghai（GMT+8）')).toBeVisible();

  // The American order is refused, saying what to write.
  await date.fill('01/15/2027');
  await date.blur();
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(followUps.getByText('请按 2026年12月3日 或 2026-12-03 的格式填写日期（“01/15/2027”无法识别）。')).toBeVisible();

  // Typed as numbers, shown the Chinese way; the arrow keys move a day.
  await date.fill('2027-01-14');
  await date.press('ArrowUp');
  await expect(date).toHaveValue('2027年1月15日');
  await expect(date).not.toHaveAttribute('aria-invalid', 'true');
  await time.fill('下午5点');
  await time.blur();
  await expect(time).toHaveValue('17:00');
  await followUps.getByRole('button', { name: '安排回访', exact: true }).click();
  await expect(followUps.getByRole('status')).toHaveText('回访已安排。');

  // 17:00 in Shanghai, not in New York (that would be 22:00 UTC).
  const list = (await (await request.get(`/api/cases/${ticket.id}/follow-ups`)).json()) as { items: { dueAt: string }[] };
  expect(list.items.map((f) => f.dueAt)).toContain('2027-01-15T09:00:00.000Z');
  // Shown back on the center's clocks, named since the browser is elsewhere.
  const task = followUps.getByRole('listitem').filter({ hasText: '2027年1月15日' });
  await expect(task).toContainText('17:00');
  await expect(task).toContainText('GMT+8');
  // Emptied for the next one.
  await expect(date).toHaveValue('');
});

test('in 简体中文 the report period’s dates read 2026年…月…日, and a day that does not exist is refused', async ({ page }) => {
  const cast = await makeCast({ users: [{ key: 'supervisor', role: 'supervisor', displayName: 'E2E Supervisor' }] });
  const shell = await Shell.signedIn(page, cast.users.supervisor!.username);
  await shell.chooseLanguage('简体中文');
  await page.goto('/reports');
  const from = page.getByRole('textbox', { name: '开始日期', exact: true });
  await expect(from).toHaveValue(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  await expect(page.getByRole('textbox', { name: '结束日期（含）', exact: true })).toHaveValue(/^\d{4}年\d{1,2}月\d{1,2}日$/);

  await from.fill('2026年2月30日');
  await page.getByRole('button', { name: '查看报表', exact: true }).click();
  await expect(page.getByText('没有“2026年2月30日”这一天。')).toBeVisible();
  await expect(from).toBeFocused();
});
