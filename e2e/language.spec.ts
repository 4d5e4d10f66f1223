import { expect, test } from '@playwright/test';
import { Shell } from './pages/shell.js';
import { makeDesk, PASSWORD } from './support/fixtures.js';

test('the console switches to 简体中文 and back, and remembers the choice', async ({ page, request }) => {
  // An agent of this test's own, so the saved language cannot leak into other tests.
  const { agents } = await makeDesk(request, ['王磊 Wang Lei']);
  const agent = agents[0]!;
  const shell = await Shell.signedIn(page, agent.username);
  await shell.chooseLanguage('简体中文');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(shell.nav().getByRole('link', { name: '客户', exact: true })).toBeVisible();
  await expect(shell.heading()).toHaveText('坐席工作台');
  await shell.openAccount();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();

  // The console asks the server for its messages in the language on screen (a hint the server
  // uses when no language is saved on the account, on the sign-in page say).
  const asked = page.waitForRequest((r) => new URL(r.url()).pathname.startsWith('/api/'));
  await page.reload();
  expect((await asked).headers()['accept-language']).toBe('zh-CN');
  await expect(shell.nav().getByRole('link', { name: '客户', exact: true })).toBeVisible();
  await shell.nav().getByRole('link', { name: '客户', exact: true }).click();
  await expect(page.getByRole('searchbox', { name: '搜索客户' })).toBeVisible();

  // Signed out, the sign-in page speaks the same language.
  await shell.openAccount();
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('textbox', { name: '用户名' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: '密码' })).toBeVisible();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();

  // A new browser profile (no local setting) gets the language saved with the account.
  await page.evaluate(() => (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear());
  await page.getByRole('textbox', { name: '用户名' }).fill(agent.username);
  await page.getByRole('textbox', { name: '密码' }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(shell.heading()).toHaveText('坐席工作台');

  await shell.chooseLanguage('English');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(shell.heading()).toHaveText('Agent desktop');
  await expect(shell.nav().getByRole('link', { name: 'Customers', exact: true })).toBeVisible();
  await shell.openAccount();
  await expect(shell.signOut()).toHaveText('Sign out');
});
