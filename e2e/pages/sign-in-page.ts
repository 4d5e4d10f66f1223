import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'kefu-demo';

/** The sign-in page, found the way a screen reader user finds it: by role and name. */
export class SignInPage {
  constructor(readonly page: Page) {}

  username = () => this.page.getByRole('textbox', { name: 'Username' });
  password = () => this.page.getByRole('textbox', { name: 'Password' });
  submit = () => this.page.getByRole('button', { name: 'Sign in' });
  alert = () => this.page.getByRole('alert');

  async open() {
    await this.page.goto('/login');
    await expect(this.username()).toBeVisible();
  }

  async signIn(username: string, password = DEMO_PASSWORD) {
    await this.username().fill(username);
    await this.password().fill(password);
    await this.submit().click();
  }
}
