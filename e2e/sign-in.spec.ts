import { expect, test } from '@playwright/test';
import { HOME_HEADINGS, Shell } from './pages/shell.js';
import { SignInPage } from './pages/sign-in-page.js';

test.describe('signing in and out', () => {
  for (const [username, heading] of Object.entries(HOME_HEADINGS)) {
    test(`${username} signs in to their home and signs out`, async ({ page }) => {
      const shell = await Shell.signedIn(page, username);
      await expect(shell.heading()).toHaveText(heading);
      await expect(shell.nav().getByRole('link', { name: 'Home', exact: true })).toBeVisible();
      await expect(shell.nav().getByRole('link', { name: 'Customers', exact: true })).toBeVisible();
      await shell.signOut().click();
      const signIn = new SignInPage(page);
      await expect(signIn.submit()).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();
      // The old session is gone on the server too: a protected page sends us back to sign-in.
      await page.goto('/customers');
      await expect(signIn.username()).toBeVisible();
    });
  }

  test('a wrong password is refused with a message', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn('agent2', 'not-the-password');
    await expect(signIn.alert()).toHaveText('Wrong username or password.');
    await expect(page).toHaveURL(/\/login/);
  });

  test('works with the keyboard alone', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.open();
    await expect(signIn.username()).toBeFocused();
    await page.keyboard.type('agent2');
    await page.keyboard.press('Tab');
    await expect(signIn.password()).toBeFocused();
    await page.keyboard.type('kefu-demo');
    await page.keyboard.press('Enter');
    const shell = new Shell(page);
    await expect(shell.heading()).toHaveText('Agent desktop');
    // "/" jumps to the customer search from anywhere.
    await page.locator('body').press('/');
    await expect(page.getByRole('searchbox', { name: 'Search customers' })).toBeFocused();
    await page.keyboard.type('Emily');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table', { name: 'Search results' }).getByRole('link', { name: 'Emily Chan' })).toBeVisible();
    await page.keyboard.press('Alt+H');
    await expect(shell.heading()).toHaveText('Agent desktop');
  });
});
