import { expect, type Page } from '@playwright/test';
import { goToNav } from './shell.js';

/** The admin pages of Not-ready reasons and disposition codes, found by role and accessible name. */
abstract class CodesPage {
  constructor(readonly page: Page) {}

  protected abstract readonly navLabel: string;
  protected abstract readonly newRegion: RegExp | string;
  protected abstract readonly createLabel: string;

  row = (label: string) => this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: label }) });
  notice = (text: string) => this.page.getByRole('status').filter({ hasText: text });

  async open() {
    await goToNav(this.page, this.navLabel);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(this.navLabel);
  }

  /** Adds a code with its English and 简体中文 words, at the end of the list. */
  async add(code: string, label: string, labelZh: string) {
    const form = this.page.getByRole('region', { name: this.newRegion });
    await form.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
    await form.getByRole('textbox', { name: 'Name in English', exact: true }).fill(label);
    await form.getByRole('textbox', { name: 'Name in 简体中文', exact: true }).fill(labelZh);
    await form.getByRole('button', { name: this.createLabel }).click();
    await expect(this.row(label)).toContainText('Active');
  }
}

export class NotReadyReasonsPage extends CodesPage {
  protected readonly navLabel = 'Not-ready reasons';
  protected readonly newRegion = 'New reason';
  protected readonly createLabel = 'Add reason';
}

export class DispositionCodesPage extends CodesPage {
  protected readonly navLabel = 'Disposition codes';
  protected readonly newRegion = /^New code in /;
  protected readonly createLabel = 'Add code';

  /** Shows (and adds to) the codes of this queue, by the name people see. */
  async showQueue(name: string) {
    await this.page.getByRole('combobox', { name: 'Codes of' }).selectOption({ label: name });
    await expect(this.page.getByRole('heading', { level: 2, name: `${name}: codes` })).toBeVisible();
  }

  async retire(label: string) {
    await this.row(label).getByRole('button', { name: `Retire code ${label}` }).click();
    await expect(this.row(label)).toContainText('Retired');
  }
}
