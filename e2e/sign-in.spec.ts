import { expect, test } from '@playwright/test';
import { HOME_HEADINGS, Shell } from './pages/shell.js';
import { SignInPage } from './pages/sign-in-page.js';
import { createCustomer, makeCast, makeDesk, PASSWORD } from './support/fixtures.js';

test.describe('signing in and out', () => {
  for (const [role, heading] of Object.entries(HOME_HEADINGS) as [keyof typeof HOME_HEADINGS, string][]) {
    test(`${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} signs in to their home and signs out`, async ({ page }) => {
      const { users } = await makeCast({ users: [{ key: 'me', role, displayName: `E2E ${role}` }] });
      const shell = await Shell.signedIn(page, users.me!.username);
      await expect(shell.heading()).toHaveText(heading);
      await expect(shell.nav().getByRole('link', { name: 'Home', exact: true })).toBeVisible();
      await expect(shell.nav().getByRole('link', { name: 'Customers', exact: true })).toBeVisible();
      await shell.openAccount();
      await shell.signOut().click();
      const signInPage = new SignInPage(page);
      await expect(signInPage.submit()).toBeVisible();
      await expect(page.getByRole('status').filter({ hasText: 'You have signed out.' })).toBeVisible();
      // The old session is gone on the server too: a protected page sends us back to sign-in.
      await page.goto('/customers');
      await expect(signInPage.username()).toBeVisible();
    });
  }

  test('a wrong password is refused with a message', async ({ page, request }) => {
    const { agents } = await makeDesk(request, ['Tom Walker']);
    const signInPage = new SignInPage(page);
    await signInPage.open();
    await signInPage.signIn(agents[0]!.username, 'not-the-password');
    await expect(signInPage.alert()).toHaveText('Wrong username or password.');
    await expect(page).toHaveURL(/\/login/);
  });

  test('works with the keyboard alone', async ({ page, request }) => {
    const { agents } = await makeDesk(request, ['Tom Walker']);
    // A customer of the agent's, to be found by name.
    await createCustomer(request, { name: 'Emily Chan', phones: [], ownerId: agents[0]!.id });
    const signInPage = new SignInPage(page);
    await signInPage.open();
    await expect(signInPage.username()).toBeFocused();
    await page.keyboard.type(agents[0]!.username);
    await page.keyboard.press('Tab');
    await expect(signInPage.password()).toBeFocused();
    await page.keyboard.type(PASSWORD);
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
