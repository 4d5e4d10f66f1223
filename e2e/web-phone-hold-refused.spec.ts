import { expect, test, type Page } from '@playwright/test';
import { AgentDesktopPage } from './pages/agent-desktop.js';
import { WebPhonePage } from './pages/web-phone.js';
import { makeCaller, makeDesk } from './support/fixtures.js';

// A web phone caller talks to an agent whose hold (then resume) the network refuses. The
// refusal changes nothing (RFC 3261 14.1): the call goes on as it was, and the agent is told
// so calmly. The switch itself agrees to every hold, so the agent's SIP socket is relayed
// through a stand-in that answers the chosen re-INVITE with a refusal.

interface Refusal {
  status: number;
  reason: string;
}

/** Relays the page's SIP WebSocket to the server; re-INVITEs are refused while `refusal` is set. */
async function relaySip(page: Page): Promise<{ refuse(next: Refusal | null): void }> {
  let refusal: Refusal | null = null;
  let refusedCseq: string | null = null;
  await page.routeWebSocket(
    (url) => url.pathname === '/sip',
    (ws) => {
      const server = ws.connectToServer();
      // Forwarded explicitly both ways: what the relay does is then all in this handler.
      server.onMessage((message) => ws.send(message));
      ws.onMessage((message) => {
        const text = String(message);
        const cseq = /^CSeq:\s*(\d+)/im.exec(text)?.[1] ?? null;
        if (refusal && isReinvite(text)) {
          refusedCseq = cseq;
          ws.send(response(text, refusal));
          return;
        }
        // The ACK of a refusal belongs to the stand-in that refused, not to the switch.
        if (text.startsWith('ACK ') && cseq !== null && cseq === refusedCseq) return;
        server.send(message);
      });
    },
  );
  return { refuse: (next) => void (refusal = next) };
}

/** An INVITE inside a dialog: its To header carries a tag. */
function isReinvite(text: string): boolean {
  return text.startsWith('INVITE ') && /^To:.*;tag=/im.test(text);
}

/** A final response to `request`, copying the headers RFC 3261 8.2.6.2 says to copy. */
function response(request: string, { status, reason }: Refusal): string {
  const headers = request.split('\r\n\r\n')[0]!.split('\r\n').slice(1);
  const copied = headers.filter((h) => /^(Via|From|To|Call-ID|CSeq):/i.test(h));
  return [`SIP/2.0 ${status} ${reason}`, ...copied, 'Content-Length: 0', '', ''].join('\r\n');
}

test('a hold or resume the network refuses leaves the call as it was, and the agent is told', async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(90_000);
  const desk = await makeDesk(request, ['李娜 Li Na']);
  const EMILY = await makeCaller(request, 'Emily Chan');
  const sip = await relaySip(page);
  const desktop = await AgentDesktopPage.signedIn(page, desk.agents[0]!.username);
  await desktop.goReady();
  const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAs(EMILY.typed, EMILY.e164);
    await phone.dial(desk.hotline);
    await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
    await desktop.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    const connected = `Connected with ${EMILY.name} (${EMILY.shown})`;
    await expect(desktop.callLine()).toHaveText(connected);
    const told = desktop.phonePanel().getByRole('status').filter({ hasText: /failed/ });

    sip.refuse({ status: 488, reason: 'Not Acceptable Here' });
    await desktop.holdButton().click();
    await expect(told).toHaveText('Hold failed — the call continues.');
    await expect(desktop.callLine()).toHaveText(connected);
    await expect(desktop.holdButton()).toBeEnabled();
    await expect(desktop.phoneAlert()).toHaveCount(0);
    await expect(phone.callState()).toHaveText('Connected');

    // Once the network agrees, the call is held and the notice goes.
    sip.refuse(null);
    await desktop.holdButton().click();
    await expect(desktop.callLine()).toHaveText(`On hold: ${EMILY.name} (${EMILY.shown})`);
    await expect(told).toHaveCount(0);

    sip.refuse({ status: 491, reason: 'Request Pending' });
    await desktop.resumeButton().click();
    await expect(told).toHaveText('Resume failed — the call is still on hold.');
    await expect(desktop.callLine()).toHaveText(`On hold: ${EMILY.name} (${EMILY.shown})`);
    await expect(desktop.resumeButton()).toBeEnabled();

    sip.refuse(null);
    await desktop.resumeButton().click();
    await expect(desktop.callLine()).toHaveText(connected);
    await desktop.hangUpButton().click();
    await expect(phone.callState()).toHaveText('Call ended');
  } finally {
    await callerContext.close();
  }
});
