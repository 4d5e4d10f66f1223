import { expect, type Locator, type Page } from '@playwright/test';
import { Shell } from './shell.js';
import { audioBytesReceived, expectAudioFlowing } from './web-phone.js';

export { audioBytesReceived, expectAudioFlowing };

const STATE_WORDS = /^(Ready|Not ready|Ringing|On a call|Wrap-up|Logged out|Status not known yet)/;
/** States with no call ringing or up: where Ready / Not ready / wrap-up decisions are made. */
const SETTLED_STATES = /^(Ready|Not ready|Wrap-up|Logged out)/;
/** The disposition the helpers give a call they only want to be done with. */
export const ROUTINE_DISPOSITION = 'Resolved on first contact';
export type AfterWrapUp = 'ready' | 'not_ready';

/** The agent desktop (home of the agent role), found by role and accessible name. */
export class AgentDesktopPage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Agent desktop' });

  // State control
  statusPanel = () => this.page.getByRole('region', { name: 'My status' });
  /** The state in words: "Ready", "Not ready (missed call)"… (the time in state is beside it). */
  agentState = (): Locator => this.statusPanel().getByRole('status').filter({ hasText: STATE_WORDS });
  /** "Phone connected" / "Phone offline". */
  phoneState = (): Locator => this.statusPanel().getByRole('status').filter({ hasText: /^Phone / });
  readyButton = () => this.page.getByRole('button', { name: 'Ready', exact: true });
  notReadyButton = () => this.page.getByRole('button', { name: 'Not ready', exact: true });
  notReadyReason = () => this.page.getByRole('combobox', { name: 'Not ready reason' });

  // Softphone
  phonePanel = () => this.page.getByRole('region', { name: 'Phone', exact: true });
  /** "Incoming call from 张伟 (+86…)", "Connected with …", "On hold: …". */
  callLine = (): Locator => this.phonePanel().getByRole('status').first();
  answerButton = () => this.page.getByRole('button', { name: 'Answer', exact: true });
  rejectButton = () => this.page.getByRole('button', { name: 'Reject', exact: true });
  hangUpButton = () => this.page.getByRole('button', { name: 'Hang up', exact: true });
  holdButton = () => this.page.getByRole('button', { name: 'Hold', exact: true });
  resumeButton = () => this.page.getByRole('button', { name: 'Resume', exact: true });
  muteButton = () => this.page.getByRole('button', { name: 'Mute', exact: true });
  unmuteButton = () => this.page.getByRole('button', { name: 'Unmute', exact: true });
  /** Shown on demand: the Keypad button or Alt+K. */
  keypad = () => this.page.getByRole('group', { name: 'Keypad' });
  keypadButton = () => this.phonePanel().getByRole('button', { name: 'Keypad', exact: true });
  numberToDial = () => this.page.getByRole('textbox', { name: 'Number to dial' });
  callButton = () => this.page.getByRole('button', { name: 'Call', exact: true });
  phoneAlert = () => this.phonePanel().getByRole('alert');

  // Screen-pop, notes, today's calls
  callerDetails = () => this.page.getByRole('region', { name: 'Caller details' });
  callNotes = () => this.page.getByRole('textbox', { name: 'Call notes' });
  saveNotesButton = () => this.page.getByRole('button', { name: 'Save notes', exact: true });
  notesSaved = () => this.page.getByRole('status').filter({ hasText: 'Notes saved' });
  todayCalls = () => this.page.getByRole('table', { name: "Today's calls" });

  // After-call work
  wrapUpForm = () => this.page.getByRole('region', { name: 'Wrap-up' });
  disposition = () => this.wrapUpForm().getByRole('combobox', { name: 'Disposition' });
  finishReadyButton = () => this.wrapUpForm().getByRole('button', { name: 'Finish and go Ready', exact: true });
  finishNotReadyButton = () => this.wrapUpForm().getByRole('button', { name: 'Finish and go Not ready', exact: true });

  /** Signs in and waits for the desktop with a registered phone. */
  static async signedIn(page: Page, username: string): Promise<AgentDesktopPage> {
    await Shell.signedIn(page, username);
    const desktop = new AgentDesktopPage(page);
    await expect(desktop.heading()).toBeVisible();
    await expect(desktop.phoneState()).toHaveText('Phone connected', { timeout: 15_000 });
    return desktop;
  }

  /**
   * Finishes after-call work: chooses the disposition (by its label) in the Wrap-up form and
   * leaves by "Finish and go Ready" or "Finish and go Not ready" (with the reason chosen under
   * My status). Does not wait for the next state: with calls waiting, Ready turns into Ringing.
   */
  async wrapUp(disposition: string = ROUTINE_DISPOSITION, then: AfterWrapUp = 'ready'): Promise<void> {
    const form = this.wrapUpForm();
    await expect(form).toBeVisible();
    await this.disposition().selectOption({ label: disposition });
    await (then === 'ready' ? this.finishReadyButton() : this.finishNotReadyButton()).click();
    await expect(form).toBeHidden();
  }

  /** Ready; a call still in wrap-up is finished first with a routine disposition. Ready is offered only when not Ready. */
  async goReady(): Promise<void> {
    if (await this.inWrapUp()) await this.wrapUp(ROUTINE_DISPOSITION, 'ready');
    else if (!/^Ready/.test((await this.agentState().textContent()) ?? '')) await this.readyButton().click();
    await expect(this.agentState()).toHaveText('Ready');
  }

  /** Not ready with this reason; a call still in wrap-up is finished first with a routine disposition. */
  async goNotReady(reason = 'Break'): Promise<void> {
    await this.notReadyReason().selectOption({ label: reason });
    if (await this.inWrapUp()) await this.wrapUp(ROUTINE_DISPOSITION, 'not_ready');
    else await this.notReadyButton().click();
    await expect(this.agentState()).toHaveText(`Not ready (${reason.toLowerCase()})`);
  }

  /** Waits until no call rings or is up (a call that just ended moves the agent to wrap-up), then tells. */
  private async inWrapUp(): Promise<boolean> {
    await expect(this.agentState()).toHaveText(SETTLED_STATES);
    return /^Wrap-up/.test((await this.agentState().textContent()) ?? '');
  }

  /**
   * Takes the agent out of rotation whatever an earlier test left behind (Ready, Wrap-up…):
   * waits for the state to be known, then goes Not ready unless already Not ready.
   */
  async ensureNotReady(reason = 'Break'): Promise<void> {
    await expect(this.agentState()).toHaveText(/^(Ready|Not ready|Ringing|On a call|Wrap-up|Logged out)/);
    if (/^Not ready/.test((await this.agentState().textContent()) ?? '')) return;
    await this.goNotReady(reason);
  }

  /** Milliseconds from the offer to the painted screen-pop (performance.measure), or null. */
  async ringToPaintedMs(): Promise<number | null> {
    return this.page.evaluate(() => {
      const perf = (globalThis as unknown as { performance: { getEntriesByName(n: string): { duration: number }[] } }).performance;
      const entries = perf.getEntriesByName('kefu:ring-to-painted');
      return entries.length ? entries[entries.length - 1]!.duration : null;
    });
  }
}
