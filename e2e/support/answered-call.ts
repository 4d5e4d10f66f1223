// The start the transfer specs share: a queue of two agents, a customer who calls it from the
// web phone, agent1 answering with audio flowing, agent2 signed in in a browser of their own and
// Ready once the call is agent1's (they are on a break until then, so the queue cannot pick them).
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { AgentDesktopPage, expectAudioFlowing } from '../pages/agent-desktop.js';
import { WebPhonePage } from '../pages/web-phone.js';
import { makeCaller, makeDesk, type Caller, type CastUser, type Desk } from './fixtures.js';

export interface AnsweredCall {
  desk: Desk;
  li: CastUser;
  wang: CastUser;
  caller: Caller;
  /** agent1's desk, on the test's own page, talking to the caller. */
  first: AgentDesktopPage;
  /** agent2's desk, Ready. */
  second: AgentDesktopPage;
  phone: WebPhonePage;
  /** Closes the browsers opened here; call it in the test's `finally`. */
  close(): Promise<void>;
}

export async function callAnsweredByAgent1(page: Page, browser: Browser, baseURL: string | undefined, request: APIRequestContext): Promise<AnsweredCall> {
  const desk = await makeDesk(request, ['李娜 Li Na', '王芳 Wang Fang']);
  const [li, wang] = [desk.agents[0]!, desk.agents[1]!];
  const caller = await makeCaller(request, '赵敏');

  const first = await AgentDesktopPage.signedIn(page, li.username);
  const contexts: BrowserContext[] = [];
  const close = async (): Promise<void> => {
    for (const c of contexts) await c.close();
  };
  try {
    const wangContext = await browser.newContext({ baseURL, locale: 'en-US' });
    contexts.push(wangContext);
    const callerContext = await browser.newContext({ baseURL, locale: 'en-US' });
    contexts.push(callerContext);
    const second = await AgentDesktopPage.signedIn(await wangContext.newPage(), wang.username);
    await second.goNotReady();
    await first.goReady();

    const phone = new WebPhonePage(await callerContext.newPage());
    await phone.open();
    await phone.connectAs(caller.typed, caller.e164);
    await phone.dial(desk.hotline);
    await expect(first.answerButton()).toBeVisible({ timeout: 15_000 });
    await first.answerButton().click();
    await expect(phone.callState()).toHaveText('Connected');
    await expectAudioFlowing(phone.page);
    await second.goReady();
    return { desk, li, wang, caller, first, second, phone, close };
  } catch (e) {
    // The test's own try/finally has not started yet: close what was opened here before failing.
    await close();
    throw e;
  }
}
