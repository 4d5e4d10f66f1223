import type { Locator, Page } from '@playwright/test';

/** The supervisor's home: the live floor, found by table names and row headers. */
export class WallboardPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Wallboard' });
  queues = () => this.page.getByRole('table', { name: 'Queues' });
  agents = () => this.page.getByRole('table', { name: 'Agents' });

  /** The queue's row: its name is the row header. */
  queueRow = (name: string): Locator => this.queues().getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  /** A cell of the queue's row by column name ("Waiting", "Longest wait", "Service level"…). */
  async queueCell(name: string, column: string): Promise<Locator> {
    return this.cell(this.queues(), this.queueRow(name), column);
  }

  agentRow = (displayName: string): Locator =>
    this.agents().getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: new RegExp(`^${displayName}`) }) });
  async agentCell(displayName: string, column: string): Promise<Locator> {
    return this.cell(this.agents(), this.agentRow(displayName), column);
  }

  private async cell(table: Locator, row: Locator, column: string): Promise<Locator> {
    const headers = await table.getByRole('columnheader').allTextContents();
    const at = headers.findIndex((h) => h.trim() === column);
    if (at < 0) throw new Error(`no column ${column} in ${headers.join(', ')}`);
    // The first column is the row header, not a cell.
    return row.getByRole('cell').nth(at - 1);
  }
}
