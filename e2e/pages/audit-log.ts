import type { Page } from '@playwright/test';

/** The admins' audit log (/admin/audit): filters, entries, CSV export. */
export class AuditLogPage {
  constructor(readonly page: Page) {}

  navLink = () => this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log', exact: true });
  heading = () => this.page.getByRole('heading', { level: 1, name: 'Audit log' });
  filters = () => this.page.getByRole('search', { name: 'Audit log filters' });
  searchedFor = () => this.filters().getByRole('searchbox', { name: 'Searched for' });
  user = () => this.filters().getByRole('combobox', { name: 'User', exact: true });
  action = () => this.filters().getByRole('textbox', { name: 'Action', exact: true });
  entries = () => this.page.getByRole('table', { name: 'Audit log entries, newest first' });
  row = (text: string) => this.entries().getByRole('row').filter({ hasText: text });
  listStatus = () => this.page.getByRole('status').filter({ hasText: /entr(y|ies) shown|No entries match|Loading the audit log/ });
  exportButton = () => this.page.getByRole('button', { name: /^(Export CSV|Exporting…)$/ });
  exportStatus = () => this.page.getByRole('status').filter({ hasText: /Export/ });
}
