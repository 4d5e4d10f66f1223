import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './sign-in-page.js';

export class CustomerSearchPage {
  constructor(readonly page: Page) {}

  field = () => this.page.getByRole('searchbox', { name: 'Search customers' });
  results = () => this.page.getByRole('table', { name: 'Search results' });

  async search(text: string) {
    await this.field().fill(text);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(this.page.getByRole('status').filter({ hasText: /found/ })).toBeVisible();
  }
}

export class Customer360Page {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1 });
  profile = () => this.page.getByRole('region', { name: 'Profile' });
  cases = () => this.page.getByRole('region', { name: 'Tickets and complaints' });
  history = () => this.page.getByRole('region', { name: 'Interaction history' });
  alert = () => this.page.getByRole('alert');

  async open(id: number) {
    await this.page.goto(`/customers/${id}`);
  }
}

/** Finds a customer's id through the API as an admin, the way a test fixture would. */
export async function customerIdByPhone(request: APIRequestContext, phone: string, name: string): Promise<number> {
  const login = await request.post('/api/auth/login', { data: { username: 'admin1', password: DEMO_PASSWORD } });
  expect(login.ok()).toBe(true);
  const res = await request.get(`/api/customers?phone=${encodeURIComponent(phone)}`);
  const body = (await res.json()) as { items: { id: number; name: string }[] };
  const hit = body.items.find((c) => c.name === name);
  if (!hit) throw new Error(`no ${name} on ${phone}`);
  return hit.id;
}
