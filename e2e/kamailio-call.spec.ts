import { AgentDesktopPage, audioBytesReceived, expectAudioFlowing } from './pages/agent-desktop.js';
import { WebPhonePage } from './pages/web-phone.js';
import { audioDirection } from './support/call-media.js';
import { expect, test } from './support/kefu-behind-kamailio.js';

// Production puts Kamailio in front of the softphones. Here kefu hands out Kamailio's WebSocket
// URL, the agent's console and the caller's web phone register there, and the caller dials the
// agent's extension: a direct call through Kamailio, with no offer from kefu's queues. The
// console still shows who is calling before answer, from the caller id on the INVITE; the
// audio goes browser to browser (Chromium's fake microphone), with Kamailio on the signalling
// path only.

const ZHANG = { name: '张伟', e164: '+8613800138000', shown: '138 0013 8000' };
const OPEN_COMPLAINT = '安装师傅迟到两小时 Installer two hours late';
/** agent1's extension in the demo data: the user part it registers with at Kamailio. */
const AGENT1_EXTENSION = '1001';

test('a caller registered at Kamailio calls the agent directly: screen-pop before answer, audio, hold, hang-up', async ({
  browser,
  behindKamailio,
}) => {
  test.setTimeout(120_000);
  const { baseURL, kamailio } = behindKamailio;
  const toKamailio = (ws: { url(): string }) => ws.url().startsWith(kamailio.wsUrl);
  const agentContext = await browser.newContext({ baseURL, locale: 'en-US' });
  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    // Signed in, the agent's phone registers ("Phone connected"), over a WebSocket to Kamailio
    // rather than to kefu's built-in switch. The wait spans the sign-in, which a busy machine slows.
    const agentPage = await agentContext.newPage();
    const agentSip = agentPage.waitForEvent('websocket', { predicate: toKamailio, timeout: 60_000 });
    const desktop = await AgentDesktopPage.signedIn(agentPage, 'agent1');
    await agentSip;
    // Ready, as an agent taking calls is; Kamailio has no queues, so nothing else routes to it.
    await desktop.goReady();

    const phone = new WebPhonePage(await callerContext.newPage());
    const callerSip = phone.page.waitForEvent('websocket', { predicate: toKamailio, timeout: 60_000 });
    await phone.open();
    await phone.connectAsDemo(ZHANG.name, ZHANG.e164);
    await callerSip;
    await phone.dial(AGENT1_EXTENSION);

    // The agent's phone rings (the caller's phone says so: no queue on a direct call), and the
    // pop is painted while it still rings.
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    await expect(phone.callState()).toHaveText('Ringing');
    const pop = desktop.callerDetails();
    await expect(pop.getByRole('heading', { name: ZHANG.name })).toBeVisible();
    await expect(pop).toContainText(ZHANG.shown);
    await expect(pop).toContainText(OPEN_COMPLAINT);
    await expect(pop.getByRole('link', { name: `Open the full record of ${ZHANG.name}` })).toBeVisible();
    await expect(desktop.callLine()).toHaveText(`Incoming call from ${ZHANG.name} (${ZHANG.shown})`);
    await expect(desktop.answerButton()).toBeVisible(); // all of the above was before answer

    await desktop.answerButton().click();
    await expect(desktop.callLine()).toHaveText(`Connected with ${ZHANG.name} (${ZHANG.shown})`);
    await expect(phone.callState()).toHaveText('Connected');
    await expectAudioFlowing(desktop.page);
    await expectAudioFlowing(phone.page);

    // Hold and resume are re-INVITEs through Kamailio, answered by the caller's browser: on
    // hold it stops sending to the agent (recvonly), and sends again after the resume.
    await desktop.holdButton().click();
    await expect(desktop.resumeButton()).toBeVisible();
    await expect(desktop.callLine()).toHaveText(`On hold: ${ZHANG.name} (${ZHANG.shown})`);
    await expect(desktop.phoneAlert()).toHaveCount(0);
    await expect.poll(() => audioDirection(phone.page), { message: "the held caller's audio direction" }).toBe('recvonly');
    await expect(phone.callState()).toHaveText('Connected');
    await desktop.resumeButton().click();
    await expect(desktop.holdButton()).toBeVisible();
    await expect(desktop.callLine()).toHaveText(`Connected with ${ZHANG.name} (${ZHANG.shown})`);
    await expect(desktop.phoneAlert()).toHaveCount(0);
    await expect.poll(() => audioDirection(phone.page), { message: "the resumed caller's audio direction" }).toBe('sendrecv');
    // Audio comes back both ways after the resume.
    for (const page of [desktop.page, phone.page]) {
      const afterResume = await audioBytesReceived(page);
      await expect.poll(() => audioBytesReceived(page), { message: 'audio back after resume' }).toBeGreaterThan(afterResume);
    }

    await desktop.hangUpButton().click();
    await expect(phone.callState()).toHaveText('Call ended');
    await expect(desktop.callLine()).toHaveText(`Call with ${ZHANG.name} (${ZHANG.shown}) ended`);
    await expect(desktop.hangUpButton()).toBeDisabled();
    await expect(phone.callButton()).toBeEnabled();
  } finally {
    await callerContext.close();
    await agentContext.close();
  }
});
