import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { goToNav, Shell } from './pages/shell.js';
import { AuditLogPage } from './pages/audit-log.js';
import { apiAs, makeCast, makeCaller, signIn } from './support/fixtures.js';

test.describe('the audit log', () => {
  test('an admin finds who looked up a number by typing it in any form, narrows by user with the keyboard, and exports the entries as CSV', async ({ page, request, baseURL }) => {
    const cast = await makeCast({
      users: [
        { key: 'agent', role: 'agent', displayName: 'Audit Agent' },
        { key: 'admin', role: 'admin', displayName: 'Audit Admin' },
      ],
    });
    const agentUser = cast.users.agent!;
    const adminUser = cast.users.admin!;
    await signIn(request, adminUser.username);
    const caller = await makeCaller(request, '审计 Audit Caller', { ownerId: agentUser.id });
    const agent = await apiAs(agentUser.username, baseURL);
    expect((await agent.get(`/api/customers?phone=${encodeURIComponent(caller.typed)}`)).ok()).toBe(true);

    await Shell.signedIn(page, adminUser.username);
    const audit = new AuditLogPage(page);
    await goToNav(page, 'Audit log');
    await expect(audit.heading()).toBeVisible();
    await expect(audit.listStatus()).toContainText('shown');

    // The number as E.164, not as the agent typed it: the same hash finds the look-up.
    await audit.searchedFor().fill(caller.e164);
    await audit.searchedFor().press('Enter');
    await expect(audit.listStatus()).toHaveText('1 entry shown');
    const lookup = audit.row('customer.lookup');
    await expect(lookup).toContainText(agentUser.username);
    await expect(lookup).toContainText('a search (hashed)');
    // The page never shows the number: the log does not have it.
    await expect(audit.entries()).not.toContainText(caller.e164.slice(3));

    // Narrow by user from the keyboard: focus the list, choose the agent.
    await audit.searchedFor().fill('');
    await audit.user().focus();
    await audit.user().selectOption({ label: 'Audit Agent' });
    await expect(audit.listStatus()).toHaveText(/^\d+ entr(y|ies) shown$/);
    await expect(audit.entries().getByRole('row').filter({ hasText: adminUser.username })).toHaveCount(0);
    await expect(audit.row('customer.lookup')).toBeVisible();

    // The export: the button is busy while it runs, the file holds what the list shows.
    const download = page.waitForEvent('download');
    await audit.exportButton().press('Enter');
    const file = await download;
    await expect(audit.exportStatus()).toHaveText(/^Exported \d+ entries\.$/);
    await expect(audit.exportButton()).toBeEnabled();
    expect(file.suggestedFilename()).toMatch(/^kefu-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await fs.readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,user_id,username,action,entity,entity_id,outcome,row_count,ip,request_id,detail,search_hash,prev_hash,hash');
    expect(lines.slice(1).every((l) => l.includes(`,${agentUser.username},`))).toBe(true);
    expect(lines.some((l) => l.includes(',customer.lookup,'))).toBe(true);
    expect(csv).not.toContain(caller.e164.slice(3));

    // The export is itself in the log, under the admin's name.
    await audit.user().selectOption({ label: 'Audit Admin' });
    await audit.action().fill('audit.export');
    await audit.action().press('Enter');
    await expect(audit.row('audit.export')).toContainText(adminUser.username);

    // In 简体中文 the page speaks Chinese.
    await new Shell(page).chooseLanguage('简体中文');
    await expect(page.getByRole('heading', { level: 1, name: '审计日志' })).toBeVisible();
    await expect(page.getByRole('button', { name: '导出 CSV' })).toBeVisible();
  });

  test('is not offered to other roles, and its address shows them why', async ({ page }) => {
    const cast = await makeCast({ users: [{ key: 'sup', role: 'supervisor', displayName: 'Audit Supervisor' }] });
    await Shell.signedIn(page, cast.users.sup!.username);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' })).toHaveCount(0);
    await page.goto('/admin/audit');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    await expect(page.getByText('The audit log is for administrators.')).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  });
});
