import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** "My work" (/my-work): the agent's follow-up calls and open cases, by role and accessible name. */
export class MyWorkPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'My work' });
  followUps = () => this.page.getByRole('region', { name: 'Follow-up calls' });
  myCases = () => this.page.getByRole('region', { name: 'My open cases' });
  /** The follow-up task(s) for this customer, each a list item headed by the name. */
  task = (customerName: string): Locator =>
    this.followUps()
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { name: customerName, exact: true }) });

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work', exact: true }).click();
    await expect(this.heading()).toBeVisible();
  }

  /** Records how the follow-up call of this task went ("Reached — confirmed"…). */
  async recordOutcome(task: Locator, outcome: string): Promise<void> {
    const form = task.getByRole('form', { name: /^How did the call with/ });
    await form.getByRole('radio', { name: outcome, exact: true }).check();
    await form.getByRole('button', { name: 'Record outcome', exact: true }).click();
  }
}

/** A ticket or complaint (/cases/:id). */
export class CasePage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1 });
  /** Number, kind, status, priority, service level, customer: the facts under the heading. */
  header = () => this.page.getByRole('region', { name: /^[CT]-\d{4}-\d{6} / });
  details = () => this.page.getByRole('region', { name: 'Details' });
  status = () => this.page.getByRole('region', { name: 'Status', exact: true });
  notes = () => this.page.getByRole('region', { name: 'Notes and contact attempts' });
  timeline = () => this.page.getByRole('region', { name: 'Timeline' });
  followUps = () => this.page.getByRole('region', { name: 'Follow-ups' });

  async open(id: number): Promise<void> {
    await this.page.goto(`/cases/${id}`);
    await expect(this.timeline()).toBeVisible();
  }
}

export interface CreatedCase {
  id: number;
  number: string;
}

/**
 * Creates a ticket for a customer through the API, as whoever the request context is signed in
 * as (a page's `request` shares the page's session): the set-up a test needs, not the flow it tests.
 */
export async function createTicket(request: APIRequestContext, customerId: number, subject: string): Promise<CreatedCase> {
  const res = await request.post('/api/cases', { data: { kind: 'ticket', customerId, subject } });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { case: CreatedCase };
  return { id: body.case.id, number: body.case.number };
}

/** Creates a complaint (service, medium severity) for a customer through the API, like createTicket. */
export async function createComplaint(request: APIRequestContext, customerId: number, subject: string): Promise<CreatedCase> {
  const res = await request.post('/api/cases', { data: { kind: 'complaint', customerId, subject, category: 'service', severity: 'medium' } });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { case: CreatedCase };
  return { id: body.case.id, number: body.case.number };
}

/** Schedules a follow-up on a case, due now, through the API. */
export async function scheduleFollowUpNow(request: APIRequestContext, caseId: number, note: string): Promise<void> {
  const res = await request.post('/api/follow-ups', { data: { caseId, dueAt: new Date().toISOString(), note } });
  expect(res.status(), await res.text()).toBe(201);
}
