import { expect, test } from '@playwright/test';
import { Shell } from './pages/shell.js';
import { CaseListPage, EscalationsPage, json, ReportsPage, SettingsPage } from './pages/supervision.js';
import { signedInAdmin } from './support/admin-setup.js';
import { apiAs, makeCaller, makeDesk } from './support/fixtures.js';

interface Stored<T = unknown> {
  value: T;
  version: number;
}
interface SlaPolicyValue {
  complaints: { bySeverity: Record<string, { acknowledge: { time: string; minutes: number }; resolve: unknown }> };
  atRiskThreshold: number;
}
interface CaseResponse {
  case: { id: number; number: string; version: number };
}

test.describe('supervision: case list, escalations, reports, settings', () => {
  test('an at-risk complaint appears in the supervisor’s open escalations page without a reload, and acknowledging it clears it in every tab', async ({ page, baseURL, request }) => {
    // A team of the test's own: the escalations its supervisor sees are this test's alone.
    const desk = await makeDesk(request, ['李娜 Li Na']);
    const zhangId = (await makeCaller(request, '张伟', { ownerId: desk.agents[0]!.id })).id;
    const admin = await apiAs(desk.admin.username, baseURL);
    const agent = await apiAs(desk.agents[0]!.username, baseURL);
    const original = await json<Stored<SlaPolicyValue>>(await admin.get('/api/settings/sla_policy'));
    let version = original.version;
    let created: CaseResponse | null = null;

    const shell = await Shell.signedIn(page, desk.supervisor.username);
    const escalations = new EscalationsPage(page);
    await escalations.navLink().click();
    await expect(escalations.heading()).toBeVisible();
    await expect(escalations.summary()).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Live updates on' })).toBeVisible();
    const unreadBefore = await escalations.badgeCount();
    // Set on this page only: still there at the end means the page was never reloaded.
    await page.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true));

    try {
      // A critical complaint now gets a 2-minute acknowledgement clock, at risk from 5% used.
      const short = structuredClone(original.value);
      short.complaints.bySeverity.critical!.acknowledge = { time: 'calendar', minutes: 2 };
      short.atRiskThreshold = 0.05;
      version = (await json<Stored>(await admin.put('/api/settings/sla_policy', { data: { version, value: short } }))).version;

      const zhang = zhangId;
      const subject = `燃气热水器漏水 Water heater leaking ${Date.now()}`;
      created = await json<CaseResponse>(
        await agent.post('/api/cases', {
          data: { kind: 'complaint', customerId: zhang, subject, priority: 'P1', category: 'product', severity: 'critical' },
        }),
      );
      const number = created.case.number;

      const row = escalations.row(number);
      await expect(row).toBeVisible({ timeout: 30_000 });
      await expect(row).toContainText(subject);
      await expect(row).toContainText('张伟');
      await expect(row).toContainText('李娜 Li Na');
      await expect(row.getByRole('cell', { name: 'Acknowledgement', exact: true })).toBeVisible();
      await expect(row.getByRole('cell', { name: 'At risk', exact: true })).toBeVisible();
      await expect(row).toContainText('New');
      await expect(row.getByRole('link', { name: number })).toHaveAttribute('href', `/cases/${created.case.id}`);
      // It is at the top of the list, with the unacknowledged ones.
      await expect(escalations.table().getByRole('row').nth(1)).toContainText(number);
      await expect(escalations.announcement()).toContainText(`New escalation: ${number} (张伟): Acknowledgement At risk.`);
      await expect(escalations.navLink()).toHaveAccessibleName(`Escalations ${unreadBefore + 1} to acknowledge`);

      // The same supervisor has the list open in a second tab too, the escalation waiting there.
      const otherTab = await page.context().newPage();
      const other = new EscalationsPage(otherTab);
      await otherTab.goto('/escalations');
      const ackButton = `Acknowledge ${number}: Acknowledgement, At risk`;
      await expect(other.row(number).getByRole('button', { name: ackButton })).toBeVisible();
      await expect(other.navLink()).toHaveAccessibleName(`Escalations ${unreadBefore + 1} to acknowledge`);
      await otherTab.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true));

      await row.getByRole('button', { name: ackButton }).click();
      await expect(row).toContainText('Acknowledged');
      await expect(row.getByRole('button')).toHaveCount(0);
      const badgeAfter = unreadBefore === 0 ? 'Escalations' : `Escalations ${unreadBefore} to acknowledge`;
      await expect(escalations.navLink()).toHaveAccessibleName(badgeAfter);
      expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
      // The second tab follows without a reload: its row is acknowledged and its badge is down.
      // …and says who acknowledged it.
      await expect(other.row(number)).toContainText(/Acknowledged .+ by \S/);
      await expect(other.row(number).getByRole('button')).toHaveCount(0);
      await expect(other.navLink()).toHaveAccessibleName(badgeAfter);
      expect(await otherTab.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
      await otherTab.close();
      await expect(shell.heading()).toHaveText('Escalations');
    } finally {
      // Stop the short clock before it breaches, and put the policy back for the other tests.
      if (created) {
        await agent.post(`/api/cases/${created.case.id}/transitions`, { data: { version: created.case.version, action: 'acknowledge' } });
      }
      const now = await json<Stored>(await admin.get('/api/settings/sla_policy'));
      await json(await admin.put('/api/settings/sla_policy', { data: { version: now.version, value: original.value } }));
      await admin.dispose();
      await agent.dispose();
    }
  });

  test('an agent finds 张伟’s complaint with filters and a Chinese search, and the URL keeps them', async ({ page, baseURL, request }) => {
    const desk = await makeDesk(request, ['李娜 Li Na']);
    const zhangId = (await makeCaller(request, '张伟', { ownerId: desk.agents[0]!.id })).id;
    // The agent's own complaint for 张伟, acknowledged on the call that logged it.
    const agent = await apiAs(desk.agents[0]!.username, baseURL);
    try {
      const { case: complaint } = await json<CaseResponse>(
        await agent.post('/api/cases', {
          data: { kind: 'complaint', customerId: zhangId, subject: '安装师傅迟到两小时 Installer two hours late', priority: 'P2', category: 'service', severity: 'high' },
        }),
      );
      await json(await agent.post(`/api/cases/${complaint.id}/transitions`, { data: { version: complaint.version, action: 'acknowledge' } }));
    } finally {
      await agent.dispose();
    }
    const shell = await Shell.signedIn(page, desk.agents[0]!.username);
    await shell.nav().getByRole('link', { name: 'Cases', exact: true }).click();
    const list = new CaseListPage(page);
    await expect(list.heading()).toBeVisible();
    await expect(list.results()).toBeVisible();

    await list.filter('Kind').selectOption({ label: 'Complaint' });
    await list.filter('Status').selectOption({ label: 'Active (new, open or waiting)' });
    await list.filter('Assignee').selectOption({ label: 'Me' });
    await list.search('安装师傅');

    const row = list.row('安装师傅迟到两小时');
    await expect(row).toBeVisible();
    await expect(row.getByRole('link', { name: /^C-\d{4}-\d{6}$/ })).toBeVisible();
    await expect(row).toContainText('张伟');
    await expect(row).toContainText('Open');
    await expect(row).toContainText('李娜 Li Na');
    await expect(row).toContainText('On track');
    await expect(row).toContainText(/Resolution due in/);
    await expect(list.results().getByRole('row')).toHaveCount(2);
    await expect(list.status()).toHaveText('1 case shown. That is all of them.');
    await expect(page).toHaveURL(/\/cases\?q=%E5%AE%89%E8%A3%85%E5%B8%88%E5%82%85&kind=complaint&status=active&assignee=me$/);

    // The filters live in the URL: a reload shows the same list with the same choices.
    await page.reload();
    await expect(list.row('安装师傅迟到两小时')).toBeVisible();
    await expect(list.searchBox()).toHaveValue('安装师傅');
    await expect(list.filter('Kind')).toHaveValue('complaint');
    await expect(list.filter('Assignee')).toHaveValue('me');

    // Words that are in no case: an empty result says so.
    await list.search('不存在的词语');
    await expect(page.getByText('No cases match these filters.')).toBeVisible();
    await expect(list.results()).toHaveCount(0);
    await page.goBack();
    await expect(list.row('安装师傅迟到两小时')).toBeVisible();

    await list.row('安装师傅迟到两小时').getByRole('link').click();
    await expect(page).toHaveURL(/\/cases\/\d+$/);
  });

  // Reads only: paging needs more than 50 cases, which the demo's Support team has.
  test('the case list pages through everything with Load more', async ({ page }) => {
    await Shell.signedIn(page, 'supervisor1');
    await page.goto('/cases');
    const list = new CaseListPage(page);
    await expect(list.status()).toHaveText(/^25 cases shown\. More are available\.$/);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect(list.status()).toHaveText(/^50 cases shown\./);
    await expect(list.results().getByRole('row')).toHaveCount(51);
    // The first of the new rows has focus, so the keyboard carries on where the list grew.
    await expect(list.results().getByRole('row').nth(26).getByRole('link')).toBeFocused();

    await list.filter('SLA state').selectOption({ label: 'Breached' });
    await expect(page).toHaveURL(/sla=breached/);
    await expect(list.results().getByRole('row').nth(1)).toContainText('Breached');
  });

  // Reads only: the demo's Support team has cases of every kind and age to report on.
  test('reports show the backlog, SLA compliance and complaints of a period with seeded data', async ({ page }) => {
    const shell = await Shell.signedIn(page, 'supervisor1');
    await shell.nav().getByRole('link', { name: 'Reports', exact: true }).click();
    const reports = new ReportsPage(page);
    await expect(reports.heading()).toBeVisible();
    await reports.preset('Last 7 days').click();
    await expect(reports.preset('Last 7 days')).toHaveAttribute('aria-pressed', 'true');
    await expect(reports.shown()).toContainText('your team');

    // Backlog: the seeded open items of the Support team, as a chart and as a table.
    await expect(reports.chart('Open cases by status')).toHaveAttribute('aria-label', /Open \d+/);
    await expect(reports.cells('Open cases by status', 'Open').first()).toHaveText(/^[1-9]\d*$/);
    await expect(reports.cells('Open cases by status', 'Waiting for customer').first()).toHaveText(/^[1-9]\d*$/);
    await expect(reports.cells('Open cases by priority', 'P2').first()).toHaveText(/^[1-9]\d*$/);
    // 张伟's complaint (service) was opened within the last 7 days.
    await expect(reports.cells('Complaints by category', 'Service').first()).toHaveText(/^[1-9]\d*$/);
    await expect(reports.chart('Complaints by category')).toHaveAttribute('aria-label', /Service \d+/);
    // SLA compliance: counts with their shares.
    const breached = reports.cells('Deadlines met and missed', 'Open, breached');
    await expect(breached.nth(0)).toHaveText(/^\d+$/);
    await expect(breached.nth(1)).toHaveText(/^\d+%$/);
    await expect(reports.chart('Deadlines met and missed')).toHaveAttribute('aria-label', /Resolved in time \d+/);
    await expect(page.getByRole('heading', { name: 'Satisfaction by agent' })).toBeVisible();

    // A period the wrong way round is refused with a message at the field.
    await page.getByLabel('From').fill('2026-01-10');
    await page.getByLabel('To (included)').fill('2026-01-01');
    await page.getByRole('button', { name: 'Show report' }).click();
    await expect(page.getByText('The start date must be a date on or before the end date.')).toBeVisible();
    await expect(page.getByLabel('From')).toHaveAttribute('aria-invalid', 'true');
  });

  test('settings show the server’s field errors, and a save over someone else’s change asks for a reload', async ({ page, baseURL }) => {
    // Settings are the site's, whoever the admin: one of the test's own.
    const { admin: me, shell } = await signedInAdmin(page);
    await shell.goTo('Settings');
    const settings = new SettingsPage(page);
    await expect(settings.heading()).toBeVisible();

    // The server names the bad field; the page shows its message next to that field.
    const calendar = settings.section('Business calendar');
    await calendar.getByRole('combobox', { name: 'Time zone' }).fill('Mars/Olympus_Mons');
    await calendar.getByRole('button', { name: 'Save business calendar' }).click();
    await expect(calendar.getByRole('alert')).toContainText('Not saved: correct the marked fields.');
    const zone = calendar.getByRole('combobox', { name: 'Time zone' });
    await expect(zone).toHaveAttribute('aria-invalid', 'true');
    await expect(zone).toHaveAccessibleDescription(/Unknown time zone 'Mars\/Olympus_Mons'/);
    await expect(zone).toBeFocused();

    // Another admin saves the follow-up policy meanwhile (same values, a new version).
    const followUp = settings.section('Follow-up calls');
    await expect(followUp).toContainText('Built-in defaults (never saved)');
    const other = await apiAs(me.username, baseURL);
    const current = await json<Stored>(await other.get('/api/settings/follow_up_policy'));
    await json(await other.put('/api/settings/follow_up_policy', { data: current }));
    await other.dispose();

    await followUp.getByRole('textbox', { name: 'Calls to try' }).fill('4');
    await followUp.getByRole('button', { name: 'Save follow-up policy' }).click();
    await expect(followUp.getByRole('alert')).toContainText('someone else changed these settings meanwhile');
    await followUp.getByRole('button', { name: 'Reload' }).click();
    await expect(followUp).toContainText('Saved version 1');
    await expect(followUp.getByRole('textbox', { name: 'Calls to try' })).toHaveValue('3');
    await followUp.getByRole('button', { name: 'Save follow-up policy' }).click();
    await expect(followUp.getByRole('status')).toHaveText('Saved as version 2.');
  });

  test('an admin adds a per-category SLA exception, saves it, and finds it again after a reload', async ({ page, baseURL }) => {
    // Settings are the site's, whoever the admin: one of the test's own.
    const { admin: me, shell } = await signedInAdmin(page);
    await shell.goTo('Settings');
    const settings = new SettingsPage(page);
    const sla = settings.section('SLA policy');
    await expect(sla).toBeVisible();

    // The built-in exception for billing shows as it is: its own resolution target, the severity's acknowledgement.
    const billingLow = settings.exception('Billing', 'low');
    await expect(billingLow.getByRole('checkbox', { name: 'Billing, low: Own resolution target' })).toBeChecked();
    await expect(billingLow.getByRole('checkbox', { name: 'Billing, low: Own acknowledgement target' })).not.toBeChecked();
    await expect(billingLow.getByRole('textbox', { name: 'Billing, low: resolve within: amount' })).toHaveValue('27');

    // Staff complaints of high severity: acknowledged within 40 business hours, later than the
    // 3 business days they have to be resolved in. The server says so at the field.
    const staff = settings.category('Staff');
    await expect(staff).toContainText('None: these complaints follow the targets by severity.');
    await staff.getByRole('combobox', { name: 'Severity of a new Staff exception' }).selectOption({ label: 'high' });
    await staff.getByRole('button', { name: 'Add Staff exception' }).click();
    const ackOn = staff.getByRole('checkbox', { name: 'Staff, high: Own acknowledgement target' });
    await expect(ackOn).toBeFocused();
    await staff.getByRole('checkbox', { name: 'Staff, high: Own resolution target' }).uncheck();
    const ack = staff.getByRole('textbox', { name: 'Staff, high: acknowledge within: amount', exact: true });
    await ack.fill('40');
    await staff.getByRole('combobox', { name: 'Staff, high: acknowledge within: unit' }).selectOption('hours');
    await sla.getByRole('button', { name: 'Save SLA policy' }).click();
    await expect(sla.getByRole('alert')).toContainText('Not saved: correct the marked fields.');
    await expect(ack).toHaveAttribute('aria-invalid', 'true');
    await expect(ack).toHaveAccessibleDescription(/A high staff complaint would be due for acknowledgement after its resolution/);
    await expect(ack).toBeFocused();

    // Two business hours it is.
    await ack.fill('2');
    await sla.getByRole('button', { name: 'Save SLA policy' }).click();
    await expect(sla.getByRole('status')).toHaveText(/Saved as version \d+\.$/);

    await page.reload();
    const again = settings.exception('Staff', 'high');
    await expect(again.getByRole('checkbox', { name: 'Staff, high: Own acknowledgement target' })).toBeChecked();
    await expect(again.getByRole('textbox', { name: 'Staff, high: acknowledge within: amount', exact: true })).toHaveValue('2');
    await expect(again.getByRole('combobox', { name: 'Staff, high: acknowledge within: unit' })).toHaveValue('hours');
    await expect(again.getByRole('combobox', { name: 'Staff, high: acknowledge within: time counted' })).toHaveValue('business');
    await expect(again.getByRole('checkbox', { name: 'Staff, high: Own resolution target' })).not.toBeChecked();
    await expect(again).toContainText('As by severity.');
    // The server keeps what the page shows: an acknowledgement target only.
    const admin = await apiAs(me.username, baseURL);
    const stored = await json<Stored<{ complaints: { byCategory: Record<string, unknown> } }>>(await admin.get('/api/settings/sla_policy'));
    expect(stored.value.complaints.byCategory.staff).toEqual({ high: { acknowledge: { time: 'business', minutes: 120 } } });

    // Removing it puts staff complaints back on the targets by severity.
    await again.getByRole('button', { name: 'Remove Staff, high' }).click();
    await expect(settings.category('Staff').getByRole('combobox', { name: 'Severity of a new Staff exception' })).toBeFocused();
    await sla.getByRole('button', { name: 'Save SLA policy' }).click();
    await expect(sla.getByRole('status')).toHaveText(/Saved as version \d+\.$/);
    const after = await json<Stored<{ complaints: { byCategory: Record<string, unknown> } }>>(await admin.get('/api/settings/sla_policy'));
    expect(after.value.complaints.byCategory.staff).toBeUndefined();
    expect(after.value.complaints.byCategory.billing).toEqual(stored.value.complaints.byCategory.billing);
    await admin.dispose();
  });
});
