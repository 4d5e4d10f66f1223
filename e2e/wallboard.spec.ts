import { expect, test } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { Shell } from './pages/shell.js';
import { WallboardPage } from './pages/wallboard.js';
import { WebPhonePage } from './pages/web-phone.js';
import { makeCaller, makeDesk, uniqueUsNumber } from './support/fixtures.js';

// The supervisor's home is the live floor: a caller waiting in the team's queue shows up and
// goes, and an agent's state changes, all pushed to the page without a reload.
test.describe('the wallboard', () => {
  test('a supervisor sees a waiting call appear and disappear and an agent change state, live, and acts on the agent from its row', async ({ page, browser, baseURL, request }) => {
    test.setTimeout(120_000);
    // A name no other test's agent has: the floor shows every agent.
    const AGENT = `Wanda ${Math.random().toString(36).slice(2, 8)}`;
    const desk = await makeDesk(request, [AGENT]);
    const QUEUE = `E2E ${desk.tag}`;
    const DAVID = await makeCaller(request, 'David Miller', { number: uniqueUsNumber() });

    await Shell.signedIn(page, desk.supervisor.username);
    const board = new WallboardPage(page);
    await expect(board.heading()).toBeVisible();
    await expect(board.queueRow(QUEUE)).toBeVisible();
    await expect(await board.queueCell(QUEUE, 'Waiting')).toHaveText('0');
    await expect(await board.queueCell(QUEUE, 'Service level')).toBeVisible();
    // Set on this page only: still there at the end means the page was never reloaded.
    await page.evaluate(() => ((window as unknown as { stillSamePage: boolean }).stillSamePage = true));

    // Nobody of the queue is Ready: the caller waits.
    const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
    const agentContext = await browser.newContext({ baseURL, locale: 'en-US' });
    try {
      const phone = new WebPhonePage(await callerContext.newPage());
      await phone.open();
      await phone.connectAs(DAVID.typed, DAVID.e164);
      await phone.dial(desk.hotline);
      await expect(phone.callState()).toHaveText('Waiting in queue');
      await expect(await board.queueCell(QUEUE, 'Waiting')).toHaveText('1');
      await expect(await board.queueCell(QUEUE, 'Longest wait')).toHaveText(/^00:\d\d/);
      await expect(await board.queueCell(QUEUE, 'Offered')).toHaveText('1');

      await phone.hangUpButton().click();
      await expect(phone.callState()).toHaveText(/^Call ended/);
      await expect(await board.queueCell(QUEUE, 'Waiting')).toHaveText('0');
      await expect(await board.queueCell(QUEUE, 'Longest wait')).toHaveText('—');

      // The agent opens their desk and goes Ready, then takes a break.
      const agent = await AgentDesktopPage.signedIn(await agentContext.newPage(), desk.agents[0]!.username);
      await agent.ensureNotReady();
      await agent.goReady();
      await expect(await board.agentCell(AGENT, 'State')).toHaveText(/^Ready/);
      await agent.goNotReady('Lunch');
      await expect(await board.agentCell(AGENT, 'State')).toHaveText(/^Not ready \(lunch\)/);
      await expect(await board.agentCell(AGENT, 'Time in state')).toHaveText(/^00:\d\d$/);

      // Acting from the wallboard's own row: back to Ready, then forced to Training by the
      // supervisor; the row follows by the push, and so does the agent's desk.
      await agent.goReady();
      await expect(await board.agentCell(AGENT, 'State')).toHaveText(/^Ready/);
      const row = board.agentRow(AGENT);
      await row.getByRole('combobox', { name: `Not-ready reason for ${AGENT}` }).selectOption({ label: 'Training' });
      await row.getByRole('button', { name: 'Force not ready', exact: true }).click();
      await expect(row.getByRole('status')).toHaveText(`${AGENT} is Not ready now.`);
      await expect(await board.agentCell(AGENT, 'State')).toHaveText(/^Not ready \(training\)/);
      await expect(agent.agentState()).toHaveText('Not ready (training)');
    } finally {
      await callerContext.close();
      await agentContext.close();
    }
    expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
  });
});
