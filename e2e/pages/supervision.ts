import type { Page } from '@playwright/test';

export async function json<T>(res: { ok(): boolean; status(): number; json(): Promise<unknown>; text(): Promise<string> }): Promise<T> {
  if (!res.ok()) throw new Error(`HTTP ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** The case list (/cases): search, filters, results. */
export class CaseListPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Cases' });
  filters = () => this.page.getByRole('search', { name: 'Search and filter cases' });
  searchBox = () => this.filters().getByRole('searchbox', { name: 'Search cases' });
  filter = (name: 'Kind' | 'Status' | 'Priority' | 'Assignee' | 'Team' | 'Due' | 'SLA state') => this.filters().getByRole('combobox', { name, exact: true });
  results = () => this.page.getByRole('table', { name: 'Cases found' });
  row = (text: string) => this.results().getByRole('row').filter({ hasText: text });
  status = () => this.page.getByRole('status').filter({ hasText: /cases? shown|No cases match|Loading/ });

  async search(text: string) {
    await this.searchBox().fill(text);
    await this.filters().getByRole('button', { name: 'Search', exact: true }).click();
  }
}

/** The supervisor's escalations (/escalations). */
export class EscalationsPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Escalations' });
  table = () => this.page.getByRole('table', { name: 'Escalations' });
  row = (caseNumber: string) => this.table().getByRole('row').filter({ hasText: caseNumber });
  summary = () => this.page.getByRole('status').filter({ hasText: /to acknowledge\.|All escalations are acknowledged|No escalations/ });
  /** The live announcement screen readers hear when one arrives. */
  announcement = () => this.page.getByRole('status').filter({ hasText: /new escalation/i });
  navLink = () => this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Escalations/ });

  /** The unacknowledged count the nav badge announces; 0 when there is no badge. */
  async badgeCount(): Promise<number> {
    // The accessible name, as a screen reader reads it ("Escalations 3 to acknowledge").
    const snapshot = await this.navLink().ariaSnapshot();
    const m = /link "Escalations (\d+) to acknowledge"/.exec(snapshot);
    return m ? Number(m[1]) : 0;
  }
}

/** Reports (/reports): period, charts and their tables. */
export class ReportsPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Reports' });
  preset = (name: 'Last 7 days' | 'Last 30 days' | 'This month') => this.page.getByRole('button', { name, exact: true });
  shown = () => this.page.getByRole('status').filter({ hasText: /Report for / });
  table = (title: string) => this.page.getByRole('table', { name: title, exact: true });
  chart = (title: string) => this.page.getByRole('img', { name: new RegExp(`^${title}: `) });
  /** The cells of a table's row, by its row header. */
  cells = (title: string, rowHeader: string) => this.table(title).getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: rowHeader, exact: true }) }).getByRole('cell');
}

/** Settings (/settings): each part is a region with its own save button. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Settings' });
  section = (name: 'SLA policy' | 'Business calendar' | 'Follow-up calls') => this.page.getByRole('region', { name });
  /** A complaint category's exceptions in the SLA policy. */
  category = (name: string) => this.section('SLA policy').getByRole('group', { name, exact: true });
  /** One exception: a category's own targets for one severity. */
  exception = (category: string, severity: string) => this.category(category).getByRole('group', { name: new RegExp(`^${severity}$`, 'i') });
}
