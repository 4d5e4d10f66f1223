import { expect, type Page } from '@playwright/test';

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
  consent = () => this.page.getByRole('region', { name: 'Consent' });
  dataRequests = () => this.page.getByRole('region', { name: 'Data requests' });
  alert = () => this.page.getByRole('alert');

  async open(id: number) {
    await this.page.goto(`/customers/${id}`);
  }
}
