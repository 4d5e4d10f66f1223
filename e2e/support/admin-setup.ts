// The set-up the administration specs share: an admin of the test's own signed in to the console,
// a team and an agent made from its pages, and that agent's first sign-in with the one-time
// password up to a Ready desk, and the test call that shows the set-up works.
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { AgentDesktopPage } from '../pages/agent-desktop.js';
import { ChooseOwnPasswordPage, TeamsPage, UsersPage } from '../pages/administration.js';
import { Shell } from '../pages/shell.js';
import { SignInPage } from '../pages/sign-in-page.js';
import { WebPhonePage } from '../pages/web-phone.js';
import { makeCast, uniqueUsNumber, type CastUser } from './fixtures.js';

/** An admin of the test's own (settings are the site's, whoever the admin); `tag` is the test's. */
async function makeAdmin(displayName = 'E2E Admin'): Promise<{ admin: CastUser; tag: string }> {
  const { users, tag } = await makeCast({ users: [{ key: 'admin', role: 'admin', displayName }] });
  return { admin: users.admin!, tag };
}

/** The same admin, signed in on `page`. */
export async function signedInAdmin(page: Page, displayName?: string): Promise<{ admin: CastUser; tag: string; shell: Shell }> {
  const made = await makeAdmin(displayName);
  return { ...made, shell: await Shell.signedIn(page, made.admin.username) };
}

/**
 * The signed-in admin makes `team` on the Teams page and an agent in it on the Users page;
 * resolves with the Users page (still open) and the agent's one-time password.
 */
export async function createTeamAndAgent(page: Page, a: { team: string; username: string; name: string }): Promise<{ usersPage: UsersPage; oneTime: string }> {
  const teams = new TeamsPage(page);
  await teams.open();
  await teams.create(a.team);
  const usersPage = new UsersPage(page);
  await usersPage.open();
  return { usersPage, oneTime: await usersPage.createAgent(a.username, a.name, a.team) };
}

export interface NewAgentDesk {
  /** The agent's own browser context: the caller closes it. */
  context: BrowserContext;
  signIn: SignInPage;
  desktop: AgentDesktopPage;
}

/**
 * A new agent's first sign-in in a context of its own: the one-time password, then their own,
 * then the desk with its phone connected, Ready.
 */
export async function newAgentGoesReady(browser: Browser, baseURL: string | undefined, a: { username: string; oneTime: string; password: string }): Promise<NewAgentDesk> {
  const context = await browser.newContext({ baseURL, locale: 'en-US' });
  try {
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn(a.username, a.oneTime);
    await new ChooseOwnPasswordPage(page).choose(a.oneTime, a.password);
    const desktop = new AgentDesktopPage(page);
    await expect(desktop.heading()).toBeVisible();
    await expect(desktop.phoneState()).toHaveText('Phone connected', { timeout: 30_000 });
    await desktop.goReady();
    return { context, signIn, desktop };
  } catch (e) {
    await context.close();
    throw e;
  }
}

/**
 * The test call: a caller's web phone on `page`, with a number of its own, dials `dialled`; the
 * new agent's desk rings and they answer. Resolves with the caller's phone.
 */
export async function answeredTestCall(page: Page, desktop: AgentDesktopPage, dialled: string): Promise<WebPhonePage> {
  const caller = uniqueUsNumber();
  const phone = new WebPhonePage(page);
  await phone.open();
  await phone.connectAs(caller.typed, caller.e164);
  await phone.dial(dialled);
  await expect(desktop.answerButton()).toBeVisible({ timeout: 15_000 });
  await desktop.answerButton().click();
  await expect(desktop.answerButton()).toBeHidden();
  return phone;
}
