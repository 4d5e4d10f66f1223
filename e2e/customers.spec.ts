import { expect, test } from '@playwright/test';
import { Shell } from './pages/shell.js';
import { Customer360Page, CustomerSearchPage, customerIdByPhone } from './pages/customer-pages.js';

test.describe('customer search and the customer 360', () => {
  test('an agent finds a caller by a number written another way and sees the whole history', async ({ page }) => {
    const shell = await Shell.signedIn(page, 'agent1');
    await shell.goToCustomers();
    const search = new CustomerSearchPage(page);
    // Stored as +8613800138000 from "138 0013 8000".
    await search.search('0086 138-0013-8000');
    await expect(page.getByRole('status').filter({ hasText: 'Looked up by phone number +8613800138000' })).toBeVisible();
    await search.results().getByRole('link', { name: '张伟' }).first().click();

    const c360 = new Customer360Page(page);
    await expect(c360.heading()).toHaveText('张伟');
    await expect(c360.profile()).toContainText('VIP');
    await expect(c360.profile()).toContainText('+8613800138000');
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
    const emily = await customerIdByPhone(request, '+852 9123 4567', 'Emily Chan');
    await Shell.signedIn(page, 'agent1');
    const c360 = new Customer360Page(page);
    await c360.open(emily);
    await expect(c360.alert()).toHaveText('You are not allowed to see this customer.');
    await expect(page.getByText('Emily Chan')).toHaveCount(0);
    await expect(c360.history()).toHaveCount(0);
  });

  test('a marketer sees a campaign customer without tickets or complaints', async ({ page, request }) => {
    const zhang = await customerIdByPhone(request, '13800138000', '张伟');
    await Shell.signedIn(page, 'marketer1');
    const c360 = new Customer360Page(page);
    await c360.open(zhang);
    await expect(c360.heading()).toHaveText('张伟');
    await expect(c360.cases()).toHaveCount(0);
    await expect(page.getByText('Ticket and complaint details are not shown to the marketing role.')).toBeVisible();
    await expect(page.getByText('安装师傅迟到两小时 Installer two hours late')).toHaveCount(0);
  });

  test('an agent creates a customer and finds them by phone', async ({ page }) => {
    const shell = await Shell.signedIn(page, 'agent2');
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
    await phone.fill('+86 186 5555 0101');
    await form.getByRole('button', { name: 'Create customer' }).click();
    const c360 = new Customer360Page(page);
    await expect(c360.heading()).toHaveText('周杰');
    await expect(c360.profile()).toContainText('+8618655550101');
    await shell.goToCustomers();
    await new CustomerSearchPage(page).search('186-5555-0101');
    await expect(page.getByRole('table', { name: 'Search results' }).getByRole('link', { name: '周杰' })).toBeVisible();
  });
});
