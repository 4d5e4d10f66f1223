import { expect, type Page } from '@playwright/test';
import { goToNav } from './shell.js';

/** The admin's Users page, found by role and accessible name. */
export class UsersPage {
  constructor(readonly page: Page) {}

  newUser = () => this.page.getByRole('region', { name: 'New user' });
  oneTimePassword = () => this.page.locator('code.otp');
  row = (name: string) => this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });

  async open() {
    await goToNav(this.page, 'Users');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Users');
  }

  /** Creates an agent in `team` with an automatic extension; resolves with the one-time password shown. */
  async createAgent(username: string, name: string, team: string): Promise<string> {
    const form = this.newUser();
    await form.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await form.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Agent' });
    await form.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ label: team });
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `${name} was created with extension` })).toBeVisible();
    return (await this.oneTimePassword().textContent())!.trim();
  }
}

/** The admin's Teams page. */
export class TeamsPage {
  constructor(readonly page: Page) {}

  async open() {
    await goToNav(this.page, 'Teams');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Teams');
  }

  async create(name: string) {
    const form = this.page.getByRole('region', { name: 'New team' });
    await form.getByRole('textbox', { name: 'Team name' }).fill(name);
    await form.getByRole('button', { name: 'Create team' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `Team ${name} was created.` })).toBeVisible();
  }
}

/** The page a user with a one-time password must pass before the console opens. */
export class ChooseOwnPasswordPage {
  constructor(readonly page: Page) {}

  async choose(oneTime: string, password: string) {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Choose your password');
    // Password fields have no ARIA role; each is found by its label's id link.
    await this.page.locator('#password-current').fill(oneTime);
    await this.page.locator('#password-next').fill(password);
    await this.page.locator('#password-again').fill(password);
    await expect(this.page.getByLabel('New password again')).toHaveValue(password);
    await this.page.getByRole('button', { name: 'Set password' }).click();
  }
}

/** The admin's Queues page. */
export class QueuesPage {
  constructor(readonly page: Page) {}

  row = (name: string) => this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });

  async open() {
    await goToNav(this.page, 'Queues');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Queues');
    // Loaded: with no queue yet the new-queue form opens by itself, else "New queue" opens it.
    await expect(this.page.getByRole('table').or(this.page.getByText('No queues yet.'))).toBeVisible();
  }

  /** Creates a queue answering `number` with `members` (by display name) at level 1. */
  async create(name: string, number: string, members: string[]) {
    const newQueue = this.page.getByRole('button', { name: 'New queue' });
    if (await newQueue.isVisible()) await newQueue.click();
    const form = this.page.getByRole('region', { name: 'New queue' });
    await form.getByRole('textbox', { name: 'Queue name' }).fill(name);
    await form.getByRole('textbox', { name: 'Phone numbers' }).fill(number);
    for (const m of members) await form.getByRole('checkbox', { name: m, exact: true }).check();
    await form.getByRole('button', { name: 'Create queue' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: `Queue ${name} was created.` })).toBeVisible();
  }
}

/** The Skills and agents page (admins and supervisors). */
export class SkillsPage {
  constructor(readonly page: Page) {}

  async open() {
    await goToNav(this.page, 'Skills');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Skills and agents');
  }

  async pickAgent(name: string) {
    await this.page.getByRole('combobox', { name: 'Agent', exact: true }).selectOption({ label: name });
  }

  /** Gives the picked agent `skill` at `level` and saves. */
  async setSkill(agent: string, skill: string, level: number) {
    const has = this.page.getByRole('checkbox', { name: `${agent} has ${skill}` });
    await has.check();
    await this.page.getByRole('spinbutton', { name: `Level of ${skill}` }).fill(String(level));
    await this.page.getByRole('button', { name: "Save the agent's skills and queues" }).click();
  }
}
