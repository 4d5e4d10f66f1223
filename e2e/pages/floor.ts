import type { Page } from '@playwright/test';

/** The supervisor's Floor page (/floor): agents with their actions, waiting calls with Pull. */
export class FloorPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Floor' });
  navLink = () => this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Floor', exact: true });
  refresh = () => this.page.getByRole('button', { name: 'Refresh', exact: true });
  agents = () => this.page.getByRole('table', { name: 'Agents' });
  /** The agent's row, found by its row header (the display name). */
  agentRow = (name: string) => this.agents().getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  waitingCalls = () => this.page.getByRole('table', { name: 'Waiting calls' });
  waitingRow = (queueName: string) => this.waitingCalls().getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: queueName }) });

  async open(): Promise<void> {
    await this.navLink().click();
    await this.heading().waitFor();
  }
}
