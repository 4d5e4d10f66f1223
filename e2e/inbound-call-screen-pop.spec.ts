import { expect, test, type Browser } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { WebPhonePage } from './pages/web-phone.js';
import { addPastCall, createCustomer, makeCaller, makeDesk, uniqueMobile } from './support/fixtures.js';

// The screen-pop's two harder cases: a number nobody has (create the customer during the
// call) and a number several customers share (the agent picks who is calling).

async function caller(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  const phone = new WebPhonePage(await context.newPage());
  await phone.open();
  return { context, phone };
}

test.describe('screen-pop', () => {
  test('a new caller is created during the call and the call is tied to them', async ({ page, browser, baseURL, request }) => {
    test.setTimeout(90_000);
    const desk = await makeDesk(request, ['Tom Walker']);
    const number = uniqueMobile('186');
    const desktop = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
    await desktop.goReady();
    const { context, phone } = await caller(browser, baseURL);
    try {
      await phone.connectAs(number.typed, number.e164);
      // Dialled by the queue's name, as the demo's web phone dials "support".
      await phone.dial(desk.queueName);

      const pop = desktop.callerDetails();
      const card = pop.getByRole('group', { name: 'New caller' });
      await expect(card).toBeVisible({ timeout: 15_000 });
      await expect(card).toContainText(`No customer has the number ${number.shown}`);
      await expect(desktop.answerButton()).toBeVisible();

      const name = `E2E 新来电 ${Date.now() % 100_000}`;
      await card.getByRole('textbox', { name: 'Name' }).fill(name);
      await card.getByRole('textbox', { name: 'Company' }).fill('E2E Trading');
      await card.getByRole('button', { name: 'Create customer and link the call' }).click();
      await expect(pop.getByRole('heading', { name })).toBeVisible();
      await expect(pop.getByRole('link', { name: `Open the full record of ${name}` })).toBeVisible();
      await expect(desktop.callLine()).toContainText(name);

      await desktop.answerButton().click();
      await expect(phone.callState()).toHaveText('Connected');
      await phone.hangUpButton().click();
      await expect(desktop.callLine()).toContainText('ended');
      await desktop.goNotReady('Admin work');

      // The call is on the new customer's record.
      await pop.getByRole('link', { name: `Open the full record of ${name}` }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(async () => {
        await page.reload();
        await expect(page.getByRole('region', { name: 'Interaction history' }).getByRole('listitem').first()).toContainText('Inbound call', {
          timeout: 2_000,
        });
      }).toPass({ timeout: 20_000 });
    } finally {
      await context.close();
    }
  });

  test('several customers on one number: the agent picks who is calling', async ({ page, browser, baseURL, request }) => {
    test.setTimeout(90_000);
    const desk = await makeDesk(request, ['Tom Walker']);
    const liuYang = await makeCaller(request, '刘洋');
    const liuFang = await createCustomer(request, { name: '刘芳', phones: [{ number: liuYang.typed, label: 'home' }] });
    await addPastCall({ customerId: liuFang.id, agentId: desk.agents[0]!.id, queueId: desk.queueId, disposition: 'resolved_first_time', notes: '更改账单地址。', minutesAgo: 60 * 24 * 10 });
    const desktop = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
    await desktop.goReady();
    const { context, phone } = await caller(browser, baseURL);
    try {
      await phone.connectAs(liuYang.typed, liuYang.e164);
      await phone.dial(desk.hotline);

      const pop = desktop.callerDetails();
      const chooser = pop.getByRole('group', { name: '2 customers use this number. Who is calling?' });
      await expect(chooser).toBeVisible({ timeout: 15_000 });
      await expect(chooser.getByRole('listitem')).toHaveCount(2);
      await expect(desktop.answerButton()).toBeVisible();
      // Not named before the agent chooses: the number alone.
      await expect(desktop.callLine()).toHaveText(`Incoming call from ${liuYang.shown}`);

      await chooser.getByRole('button', { name: 'This is 刘芳' }).click();
      await expect(chooser.getByRole('status')).toHaveText('The call is linked to 刘芳.');
      await expect(chooser.getByRole('button', { name: 'This is 刘芳' })).toHaveAttribute('aria-pressed', 'true');
      await expect(pop.getByRole('heading', { name: '刘芳', level: 3 })).toBeVisible();
      await expect(pop).toContainText('更改账单地址。');
      await expect(desktop.callLine()).toHaveText(`Incoming call from 刘芳 (${liuYang.shown})`);

      await desktop.answerButton().click();
      await expect(phone.callState()).toHaveText('Connected');
      await desktop.hangUpButton().click();
      await expect(phone.callState()).toHaveText('Call ended');
      await desktop.goNotReady('Break');
    } finally {
      await context.close();
    }
  });
});
