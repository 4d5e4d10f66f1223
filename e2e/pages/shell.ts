import { expect, type Page } from '@playwright/test';
import { SignInPage } from './sign-in-page.js';

/** Each role's home, by its heading. */
export const HOME_HEADINGS = {
  agent: 'Agent desktop',
  supervisor: 'Wallboard',
  marketer: 'Campaigns',
  admin: 'Administration',
} as const satisfies Record<'agent' | 'supervisor' | 'marketer' | 'admin', string>;

/** Follows a link of the main navigation, opening the Administration menu when the link is in it. */
export async function goToNav(page: Page, name: string | RegExp): Promise<void> {
  const nav = page.getByRole('navigation', { name: /^(Main|主导航)$/ });
  const link = nav.getByRole('link', { name, exact: typeof name === 'string' });
  if (!(await link.isVisible())) await nav.getByRole('button', { name: /^(Administration|管理)$/ }).click();
  await link.click();
}

/** The signed-in frame around every page: navigation, language, sign-out. */
export class Shell {
  constructor(readonly page: Page) {}

  nav = () => this.page.getByRole('navigation', { name: /^(Main|主导航)$/ });
  heading = () => this.page.getByRole('heading', { level: 1 });
  /** The user's menu (language, shortcuts, sign-out), named after the signed-in user. */
  account = () => this.page.getByRole('button', { name: /^(Your account|您的账户)/ });
  language = () => this.page.getByRole('combobox', { name: /Language|语言/ });
  signOut = () => this.page.getByRole('button', { name: /Sign out|退出登录/ });

  /** Opens the user's menu, where the language and Sign out are. */
  async openAccount(): Promise<void> {
    if ((await this.account().getAttribute('aria-expanded')) !== 'true') await this.account().click();
  }

  /** Chooses the console's language from the user's menu, and closes the menu. */
  async chooseLanguage(label: 'English' | '简体中文'): Promise<void> {
    await this.openAccount();
    await this.language().selectOption({ label });
    await this.page.keyboard.press('Escape');
  }

  /** Follows a link of the main navigation; the administration pages are under their menu. */
  async goTo(name: string): Promise<void> {
    await goToNav(this.page, name);
  }

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
