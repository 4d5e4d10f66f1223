// Answer to audio in the browser: an agent signed in to the console in Chromium, Ready; a caller
// on the public web phone (/phone) dials the hotline; the agent clicks Answer; the time until
// audio bytes first arrive (getStats inbound-rtp bytesReceived > 0) is taken on both pages.
// Fake microphones (a beep) on both sides, audio browser to browser over loopback. The caller
// hangs up, the queue's short wrap-up makes the agent Ready again, and the next call starts.
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../chromium.js';
import { round, summarize, type LatencySummary } from '../stats.js';
import { ARM_PROBE, AUDIO_PROBE_SCRIPT, HEARD_AUDIO, READ_PROBE, type AudioProbeReading } from './audio-probe.js';

const CALL_TIMEOUT_MS = 20_000;
const MAX_FAILURES_IN_A_ROW = 3;

export interface AnswerToAudioResult {
  calls: number;
  warmup: number;
  completed: number;
  failed: number;
  errors: string[];
  /** Answer clicked → first audio bytes on the agent's page. */
  agentMs: LatencySummary;
  /** Answer clicked → first audio bytes on the caller's page. */
  callerMs: LatencySummary;
  /** Answer clicked → audio on both sides (the later of the two). */
  bothMs: LatencySummary;
  browser: string;
}

const status = (p: Page, text: RegExp) => p.getByRole('region', { name: 'My status' }).getByRole('status').filter({ hasText: text });
const answerButton = (p: Page) => p.getByRole('button', { name: 'Answer', exact: true });

async function newPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US' });
  await context.addInitScript({ content: AUDIO_PROBE_SCRIPT });
  return context.newPage();
}

async function signInAgent(browser: Browser, baseUrl: string, username: string, password: string): Promise<Page> {
  const page = await newPage(browser, baseUrl);
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Agent desktop' }).waitFor();
  await status(page, /^Phone connected$/).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  await status(page, /^Ready$/).waitFor();
  return page;
}

async function openWebPhone(browser: Browser, baseUrl: string, e164: string): Promise<Page> {
  const page = await newPage(browser, baseUrl);
  await page.goto('/phone');
  await page.getByRole('heading', { level: 1, name: 'Web phone' }).waitFor();
  await page.getByRole('textbox', { name: 'Caller number' }).fill(e164);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('region', { name: 'Caller line' }).getByRole('status').filter({ hasText: `Registered as ${e164}` }).waitFor();
  return page;
}

/** Polled from here: Playwright's waitForFunction uses eval, which the console's CSP forbids. */
async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Sample {
  agentMs: number;
  callerMs: number;
}

async function oneCall(agent: Page, caller: Page): Promise<Sample> {
  await Promise.all([agent.evaluate(ARM_PROBE), caller.evaluate(ARM_PROBE)]);
  await caller.getByRole('button', { name: 'Call', exact: true }).click();
  await answerButton(agent).click({ timeout: CALL_TIMEOUT_MS });
  await Promise.all([waitInPage(agent, HEARD_AUDIO, CALL_TIMEOUT_MS), waitInPage(caller, HEARD_AUDIO, CALL_TIMEOUT_MS)]);
  const a = (await agent.evaluate(READ_PROBE)) as AudioProbeReading;
  const c = (await caller.evaluate(READ_PROBE)) as AudioProbeReading;
  if (a.answerClickedAt === null || a.firstAudioAt === null || c.firstAudioAt === null) throw new Error(`a moment is missing: ${JSON.stringify({ a, c })}`);
  // Hang up; the queue's wrap-up runs out and the agent is Ready again.
  await caller.getByRole('button', { name: 'Hang up', exact: true }).click();
  await status(agent, /^Ready$/).waitFor({ timeout: CALL_TIMEOUT_MS });
  return { agentMs: a.firstAudioAt - a.answerClickedAt, callerMs: c.firstAudioAt - a.answerClickedAt };
}

async function recover(agent: Page, caller: Page): Promise<void> {
  const hangUp = caller.getByRole('button', { name: 'Hang up', exact: true });
  if (await hangUp.isEnabled().catch(() => false)) await hangUp.click().catch(() => undefined);
  if (!(await status(agent, /^Ready$/).isVisible())) {
    await agent.getByRole('button', { name: 'Ready', exact: true }).click({ timeout: 15_000 }).catch(() => undefined);
    await status(agent, /^Ready$/).waitFor({ timeout: 15_000 });
  }
}

export async function runAnswerToAudio(opts: {
  baseUrl: string;
  agent: { username: string; password: string };
  callerNumber: string;
  calls: number;
  warmup: number;
  onProgress: (done: number) => void;
}): Promise<AnswerToAudioResult> {
  const browser = await launchChromium();
  try {
    const agent = await signInAgent(browser, opts.baseUrl, opts.agent.username, opts.agent.password);
    const caller = await openWebPhone(browser, opts.baseUrl, opts.callerNumber);
    const samples: Sample[] = [];
    const errors: string[] = [];
    let failed = 0;
    let failedInARow = 0;
    for (let i = 0; i < opts.warmup + opts.calls; i++) {
      try {
        const s = await oneCall(agent, caller);
        failedInARow = 0;
        if (i < opts.warmup) continue;
        samples.push(s);
        if (samples.length % 10 === 0) opts.onProgress(samples.length);
      } catch (err) {
        failed++;
        if (errors.length < 5) errors.push((err as Error).message.split('\n')[0]!);
        if (++failedInARow >= MAX_FAILURES_IN_A_ROW) break;
        await recover(agent, caller);
      }
    }
    const s = (f: (x: Sample) => number) => summarize(Float64Array.from(samples.map(f)));
    return {
      calls: opts.calls,
      warmup: opts.warmup,
      completed: samples.length,
      failed,
      errors,
      agentMs: s((x) => round(x.agentMs, 1)),
      callerMs: s((x) => round(x.callerMs, 1)),
      bothMs: s((x) => round(Math.max(x.agentMs, x.callerMs), 1)),
      browser: `Chromium ${browser.version()}`,
    };
  } finally {
    await browser.close();
  }
}
