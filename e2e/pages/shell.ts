import { expect, type Page } from '@playwright/test';
import { SignInPage } from './sign-in-page.js';

/** Each role's home, by its heading. */
export const HOME_HEADINGS = {
  agent: 'Agent desktop',
  supervisor: 'Wallboard',
  marketer: 'Campaigns',
  admin: 'Administration',
} as const satisfies Record<'agent' | 'supervisor' | 'marketer' | 'admin', string>;

/** The signed-in frame around every page: navigation, language, sign-out. */
export class Shell {
  constructor(readonly page: Page) {}

  nav = () => this.page.getByRole('navigation', { name: /^(Main|主导航)$/ });
  heading = () => this.page.getByRole('heading', { level: 1 });
  language = () => this.page.getByRole('combobox', { name: /Language|语言/ });
  signOut = () => this.page.getByRole('button', { name: /Sign out|退出登录/ });

  static async signedIn(page: Page, username: string): Promise<Shell> {
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(username);
    const shell = new Shell(page);
    await expect(shell.nav()).toBeVisible();
    return shell;
  }

  async goToCustomers() {
    await this.nav().getByRole('link', { name: 'Customers', exact: true }).click();
    await expect(this.heading()).toHaveText('Customers');
  }
}
