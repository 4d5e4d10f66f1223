// The admin's home page tells how the backups stand and backs up on request: the result arrives
// by itself when the backup is done. The browser tests run on the embedded PostgreSQL, whose
// major matches the distribution's pg_dump, so the backup succeeds. (Which pg_dump fits which
// server, and naming the versions found when none does: server/src/backups/rules/pg-tool-choice.test.ts.)
import { expect, test } from '@playwright/test';
import { signedInAdmin } from './support/admin-setup.js';

test('an admin backs up from the home page and sees its result arrive, with its size', async ({ page }) => {
  test.setTimeout(90_000);
  await signedInAdmin(page, 'E2E Backup Admin');

  const panel = page.getByRole('region', { name: 'Backups' });
  await expect(panel).toBeVisible();
  await expect(panel.getByText(/Daily at \d\d:\d\d/)).toBeVisible();
  await panel.getByRole('button', { name: 'Back up now' }).click();
  const last = panel.getByRole('row', { name: /Last backup/ });
  await expect(last).toContainText(/Succeeded|Failed/, { timeout: 60_000 });
  await expect(last).toContainText(/asked for/);
  await expect(last).toContainText('Succeeded');
  await expect(panel.getByRole('status')).toHaveText(/Backup finished: [\d.]+ (KB|MB)\./);
  await expect(panel.getByRole('button', { name: 'Back up now' })).toBeEnabled();
});
