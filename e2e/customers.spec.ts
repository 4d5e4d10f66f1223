import { expect, test, type APIRequestContext } from '@playwright/test';
import { Shell } from './pages/shell.js';
import { createComplaint, createTicket } from './pages/case-pages.js';
import { Customer360Page, CustomerSearchPage } from './pages/customer-pages.js';
import { addCampaignLead, addPastCall, makeCast, makeCaller, makeDesk, signIn, uniqueMobile } from './support/fixtures.js';

async function move(api: APIRequestContext, caseId: number, version: number, action: string): Promise<number> {
  const res = await api.post(`/api/cases/${caseId}/transitions`, { data: { version, action } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { case: { version: number } }).case.version;
}

test.describe('customer search and the customer 360', () => {
  test('an agent finds a caller by a number written another way and sees the whole history', async ({ page, request }) => {
    const desk = await makeDesk(request, ['李娜 Li Na']);
    const agent = desk.agents[0]!;
    // 张伟, the agent's VIP customer: an open complaint, an open ticket, a closed one, and four calls.
    const number = uniqueMobile('138');
    const zhang = await makeCaller(request, '张伟', { number, valueTier: 'vip', company: '华为技术有限公司', ownerId: agent.id });
    const openComplaint = await createComplaint(request, zhang.id, '安装师傅迟到两小时 Installer two hours late');
    await move(request, openComplaint.id, 1, 'acknowledge');
    await createTicket(request, zhang.id, 'Router replacement under warranty');
    const invoice = await createTicket(request, zhang.id, 'Invoice copy for March');
    await move(request, invoice.id, await move(request, invoice.id, 1, 'resolve'), 'close');
    const calls = [
      [60 * 24 * 20, 'Upgraded to the enterprise support plan.'],
      [60 * 24 * 3 + 60, 'Called about the bill.'],
      [60 * 24 * 3, 'Asked for a copy of the March invoice; sent by email.'],
      [120, '客户反映安装师傅迟到两小时，要求赔偿。已登记投诉 C 单，承诺 24 小时内回复。'],
    ] as const;
    for (const [minutesAgo, notes] of calls) {
      await addPastCall({ customerId: zhang.id, agentId: agent.id, queueId: desk.queueId, disposition: 'resolved_first_time', notes, minutesAgo });
    }

    const shell = await Shell.signedIn(page, agent.username);
    await shell.goToCustomers();
    const search = new CustomerSearchPage(page);
    // Stored as +86138… from "+86 138 …": looked up written another way.
    const digits = number.e164.slice(3);
    await search.search(`0086 ${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`);
    await expect(page.getByRole('status').filter({ hasText: `Looked up by phone number ${number.shown}` })).toBeVisible();
    await search.results().getByRole('link', { name: '张伟' }).first().click();

    const c360 = new Customer360Page(page);
    await expect(c360.heading()).toHaveText('张伟');
    await expect(c360.profile()).toContainText('VIP');
    await expect(c360.profile()).toContainText(number.shown);
    await expect(c360.profile()).toContainText('华为技术有限公司');
    const open = c360.cases().getByRole('table', { name: 'Open items' });
    const complaint = open.getByRole('row').filter({ hasText: '安装师傅迟到两小时' });
    await expect(complaint).toContainText(/C-\d{4}-\d{6}/);
    await expect(complaint).toContainText(/Resolution due in/);
    await expect(open.getByRole('row').filter({ hasText: 'Router replacement under warranty' })).toBeVisible();
    await expect(c360.cases().getByRole('table', { name: 'Recently closed' })).toContainText('Invoice copy for March');
    const history = c360.history().getByRole('listitem');
    await expect(history.first()).toContainText('客户反映安装师傅迟到两小时');
    await expect(history.first()).toContainText('Inbound call');
    await expect(history).toHaveCount(4);
  });

  test('an agent is refused a customer they may not see', async ({ page, request }) => {
    const desk = await makeDesk(request, ['李娜 Li Na', 'Tom Walker']);
    // Emily Chan is the other agent's customer, and the first agent never had a call of hers.
    const emily = (await makeCaller(request, 'Emily Chan', { ownerId: desk.agents[1]!.id })).id;
    await Shell.signedIn(page, desk.agents[0]!.username);
    const c360 = new Customer360Page(page);
    await c360.open(emily);
    await expect(c360.alert()).toHaveText('You are not allowed to see this customer.');
    await expect(page.getByText('Emily Chan')).toHaveCount(0);
    await expect(c360.history()).toHaveCount(0);
  });

  test('a marketer sees a campaign customer without tickets or complaints', async ({ page, request }) => {
    const { users } = await makeCast({
      users: [
        { key: 'marketer', role: 'marketer', displayName: 'E2E Marketer' },
        { key: 'admin', role: 'admin', displayName: 'E2E Admin' },
      ],
    });
    await signIn(request, users.admin!.username);
    const zhang = (await makeCaller(request, '张伟')).id;
    await createComplaint(request, zhang, '安装师傅迟到两小时 Installer two hours late');
    await addCampaignLead({ marketerId: users.marketer!.id, customerId: zhang });
    await Shell.signedIn(page, users.marketer!.username);
    const c360 = new Customer360Page(page);
    await c360.open(zhang);
    await expect(c360.heading()).toHaveText('张伟');
    await expect(c360.cases()).toHaveCount(0);
    await expect(page.getByText('Ticket and complaint details are not shown to the marketing role.')).toBeVisible();
    await expect(page.getByText('安装师傅迟到两小时 Installer two hours late')).toHaveCount(0);
  });

  test('an agent creates a customer and finds them by phone', async ({ page, request }) => {
    const desk = await makeDesk(request, ['Tom Walker']);
    const number = uniqueMobile('186');
    const digits = number.e164.slice(3);
    const shell = await Shell.signedIn(page, desk.agents[0]!.username);
    await shell.goToCustomers();
    await page.getByRole('button', { name: 'New customer' }).click();
    const form = page.getByRole('region', { name: 'New customer' });
    await form.getByRole('textbox', { name: 'Name' }).fill('周杰');
    await form.getByRole('textbox', { name: 'Phone number 1' }).fill('not a number');
    await form.getByRole('textbox', { name: 'Email' }).fill('zhou@example.cn');
    await form.getByRole('button', { name: 'Create customer' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The customer was not saved' })).toBeVisible();
    const phone = form.getByRole('textbox', { name: 'Phone number 1' });
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await phone.fill(number.typed);
    await form.getByRole('button', { name: 'Create customer' }).click();
    const c360 = new Customer360Page(page);
    await expect(c360.heading()).toHaveText('周杰');
    await expect(c360.profile()).toContainText(number.shown);
    await shell.goToCustomers();
    await new CustomerSearchPage(page).search(`${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`);
    await expect(page.getByRole('table', { name: 'Search results' }).getByRole('link', { name: '周杰' })).toBeVisible();
  });
});
