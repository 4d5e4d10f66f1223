import { expect, test, type Browser, type Page } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { Shell } from './pages/shell.js';
import { WallboardPage } from './pages/wallboard.js';
import { WebPhonePage } from './pages/web-phone.js';
import { makeCaller, makeDesk, uniqueUsNumber } from './support/fixtures.js';
import { bytesReceived, partyBrowser, tonesHeard, type Party, type PeerName } from './support/party-audio.js';

// A supervisor listens to, coaches and joins a live call from the wallboard, in real Chromium:
// caller, agent and supervisor each in a browser of their own whose microphone plays a tone of
// its own, so an FFT in each page tells whose voice arrives where. The caller never hears a
// whisper; a barge reaches both; the call's end ends the session; the audit log has it.

/** dB above the quiet floor: a voice heard measured 40 or more here, one absent 10 or less. */
const HEARD_DB = 30;
const NOT_HEARD_DB = 18;

async function expectHears(page: Page, peer: PeerName, heard: Party[], notHeard: Party[]): Promise<void> {
  // The mix settles within a moment of a mode change: measure again until it does.
  await expect
    .poll(
      async () => {
        const levels = await tonesHeard(page, peer);
        if (!levels) return 'no audio yet';
        const wrong = [...heard.filter((p) => levels[p] < HEARD_DB).map((p) => `${p} not heard`), ...notHeard.filter((p) => levels[p] > NOT_HEARD_DB).map((p) => `${p} heard`)];
        return wrong.length === 0 ? 'as expected' : `${wrong.join(', ')} (${JSON.stringify(levels)})`;
      },
      { timeout: 20_000, message: `${peer}: hears ${heard.join(', ')}, not ${notHeard.join(', ')}` },
    )
    .toBe('as expected');
}

test('a supervisor listens, whispers and barges into a live call from the wallboard, and the audit log has the session', async ({ baseURL, request }) => {
  test.setTimeout(300_000); // three browsers and a call: slow on a busy machine
  const AGENT = `Mona ${Math.random().toString(36).slice(2, 8)}`;
  const desk = await makeDesk(request, [AGENT]);
  const DAVID = await makeCaller(request, 'David Miller', { number: uniqueUsNumber() });
  const browsers: Browser[] = [];
  try {
    const launch = async (party: Party): Promise<Browser> => {
      const b = await partyBrowser(party);
      browsers.push(b);
      return b;
    };
    const callerBrowser = await launch('caller');
    const agentBrowser = await launch('agent');
    const supervisorBrowser = await launch('supervisor');
    const open = async (b: Browser) => (await b.newContext({ baseURL, locale: 'en-US' })).newPage();

    const agent = await AgentDesktopPage.signedIn(await open(agentBrowser), desk.agents[0]!.username);
    await agent.goReady();
    const supervisorPage = await open(supervisorBrowser);
    await Shell.signedIn(supervisorPage, desk.supervisor.username);
    const board = new WallboardPage(supervisorPage);
    await expect(board.heading()).toBeVisible();

    const phone = new WebPhonePage(await open(callerBrowser));
    await phone.open();
    await phone.connectAs(DAVID.typed, DAVID.e164);
    await phone.dial(desk.hotline);
    await expect(agent.answerButton()).toBeVisible({ timeout: 15_000 });
    await agent.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await expect(await board.agentCell(AGENT, 'State')).toHaveText(/^On a call/);

    // Listen: the supervisor hears the caller and the agent; nobody hears the supervisor.
    const row = board.agentRow(AGENT);
    const controls = row.getByRole('group', { name: `Monitoring ${AGENT}’s call` });
    await controls.getByRole('button', { name: 'Listen', exact: true }).click();
    // The microphone, the offer's candidates and the agent's answer: seconds on a busy machine.
    await expect(controls.getByRole('status')).toHaveText(`Listening to ${AGENT}’s call.`, { timeout: 30_000 });
    await expect(agent.page.getByRole('region', { name: 'Supervisor notices' })).toContainText('E2E Supervisor is listening to this call.');
    await expect.poll(() => bytesReceived(supervisorPage, '__kefuSupervisorMonitorPeerConnection'), { timeout: 15_000 }).toBeGreaterThan(0);
    await expectHears(supervisorPage, '__kefuSupervisorMonitorPeerConnection', ['caller', 'agent'], ['supervisor']);
    await expectHears(agent.page, '__kefuMonitorPeerConnection', [], ['supervisor']);
    // The call itself is as it was: the caller hears the agent only, the agent the caller.
    await expectHears(phone.page, '__kefuPeerConnection', ['agent'], ['supervisor']);

    // Whisper, in the same session: the agent hears the supervisor; the caller still does not.
    await controls.getByRole('button', { name: 'Whisper', exact: true }).click();
    await expect(controls.getByRole('button', { name: 'Whisper', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(controls.getByRole('status')).toHaveText(`Coaching ${AGENT}: only ${AGENT} hears you.`);
    await expect(agent.page.getByRole('region', { name: 'Supervisor notices' })).toContainText('E2E Supervisor is coaching you: the caller does not hear them.');
    await expectHears(agent.page, '__kefuMonitorPeerConnection', ['supervisor'], []);
    await expectHears(phone.page, '__kefuPeerConnection', ['agent'], ['supervisor']);

    // Barge: the caller hears the supervisor too, beside the agent; the supervisor still hears both.
    await controls.getByRole('button', { name: 'Barge', exact: true }).click();
    await expect(controls.getByRole('status')).toHaveText(`In ${AGENT}’s call: the caller and ${AGENT} hear you.`);
    await expectHears(phone.page, '__kefuPeerConnection', ['agent', 'supervisor'], []);
    await expectHears(agent.page, '__kefuMonitorPeerConnection', ['supervisor'], []);
    await expectHears(supervisorPage, '__kefuSupervisorMonitorPeerConnection', ['caller', 'agent'], ['supervisor']);

    // The caller hangs up: the session ends with the call, on both ends.
    await phone.hangUpButton().click();
    await expect(controls.getByRole('status')).toHaveText('The call ended, and monitoring with it.');
    await expect(row.getByRole('button', { name: 'Stop monitoring', exact: true })).toHaveCount(0);
    await expect(agent.page.getByRole('region', { name: 'Supervisor notices' })).not.toContainText('E2E Supervisor');

    // The audit log: who monitored whom on which call, each mode change, and the end.
    const res = await request.get(`/api/admin/audit?action=monitoring.&userId=${desk.supervisor.id}`);
    expect(res.ok()).toBe(true);
    const items = ((await res.json()) as { items: { action: string; entity: string | null; detail: Record<string, unknown> | null }[] }).items.reverse();
    expect(items.map((i) => [i.action, i.entity, i.detail?.agentId])).toEqual([
      ['monitoring.started', 'interaction', desk.agents[0]!.id],
      ['monitoring.mode_changed', 'interaction', desk.agents[0]!.id],
      ['monitoring.mode_changed', 'interaction', desk.agents[0]!.id],
      ['monitoring.ended', 'interaction', desk.agents[0]!.id],
    ]);
    expect(items.map((i) => i.detail?.to ?? i.detail?.mode)).toEqual(['listen', 'whisper', 'barge', 'barge']);
    expect(items[3]!.detail).toMatchObject({ reason: 'call_ended' });
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
  }
});
