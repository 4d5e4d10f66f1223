import { expect, type Locator, type Page } from '@playwright/test';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** What the tests read of the call's RTCPeerConnection (the root tsconfig has no DOM types). */
interface StatsReport {
  forEach(cb: (s: { type: string; kind?: string; bytesReceived?: number }) => void): void;
}
interface PeerConnectionLike {
  getStats(): Promise<StatsReport>;
}

/**
 * Bytes of audio received so far on the page's current call, from getStats (inbound-rtp).
 * The console exposes the peer connection as window.__kefuPeerConnection under automation
 * only (navigator.webdriver). -1 when the page has no call media yet.
 */
export async function audioBytesReceived(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pc = (globalThis as unknown as { __kefuPeerConnection?: PeerConnectionLike }).__kefuPeerConnection;
    if (!pc) return -1;
    const stats = await pc.getStats();
    let bytes = 0;
    stats.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes += s.bytesReceived ?? 0;
    });
    return bytes;
  });
}

/** Waits until the page receives audio, and then until it receives more than before. */
export async function expectAudioFlowing(page: Page, timeout = 15_000): Promise<void> {
  await expect.poll(() => audioBytesReceived(page), { timeout, message: 'inbound audio bytes' }).toBeGreaterThan(0);
  const before = await audioBytesReceived(page);
  await expect.poll(() => audioBytesReceived(page), { timeout, message: 'inbound audio keeps flowing' }).toBeGreaterThan(before);
}

/** The public web phone (/phone): a caller's phone, found by role and accessible name. */
export class WebPhonePage {
  constructor(readonly page: Page) {}

  heading = () => this.page.getByRole('heading', { level: 1, name: 'Web phone' });
  line = () => this.page.getByRole('region', { name: 'Caller line' });
  callSection = () => this.page.getByRole('region', { name: 'Call', exact: true });
  demoCustomer = () => this.page.getByRole('combobox', { name: 'Demo customer' });
  callerNumber = () => this.page.getByRole('textbox', { name: 'Caller number' });
  numberToCall = () => this.page.getByRole('textbox', { name: 'Number to call' });
  connectButton = () => this.page.getByRole('button', { name: 'Connect', exact: true });
  callButton = () => this.page.getByRole('button', { name: 'Call', exact: true });
  answerButton = () => this.page.getByRole('button', { name: 'Answer', exact: true });
  hangUpButton = () => this.page.getByRole('button', { name: 'Hang up', exact: true });
  keypad = () => this.page.getByRole('group', { name: 'Keypad' });
  /** "Registered as +86…", "Not connected"… */
  registration = (): Locator => this.line().getByRole('status');
  /** "Waiting in queue" (182), "Ringing" (180/183), "Connected", "Call ended"… */
  callState = (): Locator => this.callSection().getByRole('status');

  async open(): Promise<void> {
    await this.page.goto('/phone');
    await expect(this.heading()).toBeVisible();
  }

  /** Registers as a demo customer's number (picked by the name in the demo list). */
  async connectAsDemo(name: string, e164: string): Promise<void> {
    const value = await this.demoCustomer().locator('option', { hasText: name }).first().getAttribute('value');
    await this.demoCustomer().selectOption(value ?? '');
    await expect(this.callerNumber()).not.toHaveValue('');
    await this.connect(e164);
  }

  /** Registers as this number (typed as is); waits for "Registered as <the number as shown>". */
  async connectAs(number: string, e164: string): Promise<void> {
    await this.callerNumber().fill(number);
    await this.connect(e164);
  }

  private async connect(e164: string): Promise<void> {
    await this.connectButton().click();
    await expect(this.registration()).toHaveText(registeredAs(e164), { timeout: 15_000 });
  }

  async dial(target = '4008001234'): Promise<void> {
    await this.numberToCall().fill(target);
    await this.callButton().click();
  }

  async press(key: string): Promise<void> {
    await this.keypad().getByRole('button', { name: key, exact: true }).click();
  }
}

/**
 * "Registered as" with the number in the console's one format: international on the signed-out
 * page, national for the home region once signed in (console/src/lib/shared/phone-format.ts).
 */
function registeredAs(e164: string): RegExp {
  const parsed = parsePhoneNumberFromString(e164);
  const forms = parsed ? [parsed.formatInternational(), parsed.formatNational()] : [e164];
  return new RegExp(`^Registered as (${forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}
