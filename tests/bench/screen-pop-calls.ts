// Ring to painted in the browser: an agent signed in to the console in Chromium, Ready; a
// caller on the public web phone (/phone) dials the hotline from a loaded customer's number.
// The console marks the offer (the first of the `call:offered` push and the INVITE) and the
// painted screen-pop (performance marks kefu:call-offered / kefu:screenpop-painted, measured as
// kefu:ring-to-painted); this reads them per call. The caller hangs up before the answer, which
// leaves the agent Ready (the offer is withdrawn, nobody's fault), so calls follow each other.
import type { Browser, Page } from '@playwright/test';
import type { BenchServer, ServerPop } from './bench-server.js';
import { launchChromium } from './chromium.js';
import { round, summarize, type LatencySummary } from './stats.js';
import { READ_TAP, RESET_TAP, WEBSOCKET_TAP_SCRIPT, type TapReading } from './websocket-tap.js';

// The console's names (console/src/lib/desktop/ring-to-painted.svelte.ts).
const MEASURE_RING_TO_PAINTED = 'kefu:ring-to-painted';
const MARK_OFFERED = 'kefu:call-offered';
const MARK_PAINTED = 'kefu:screenpop-painted';
/** Give up on a call whose pop is not painted by then. */
const CALL_TIMEOUT_MS = 20_000;
/** Stop after this many failed calls in a row: something is broken, not slow. */
const MAX_FAILURES_IN_A_ROW = 3;

export interface ScreenPopCaller {
  customerId: number;
  e164: string;
}

/** One timed call; times in epoch ms, null where a moment was not seen. */
interface CallSample {
  ringToPainted: number;
  offeredAt: number | null;
  paintedAt: number | null;
  tap: { caller: TapReading; agent: TapReading };
  pop: ServerPop | null;
  offerEmitted: { at: number; bytes: number } | null;
  offerSent: number | null;
  popShowsCaller: boolean;
}

export interface ScreenPopResult {
  calls: number;
  warmup: number;
  completed: number;
  failed: number;
  errors: string[];
  /** The console's own measure: the offer reaching the page to the pop painted. */
  ringToPaintedMs: LatencySummary;
  /**
   * Where a call's time goes, in order. Moments from the two pages and the server share the
   * machine's clock (performance.timeOrigin + now), so the steps are good to about a millisecond.
   */
  phasesMs: {
    /** The caller's INVITE leaves its page → the server starts the screen-pop query (SIP, auth, queue admission). */
    inviteToPopQuery: LatencySummary;
    /** The screen-pop query in the server (CustomerService.offerScreenPop). */
    popQuery: LatencySummary;
    /** Of that: waiting for a pool connection. */
    popPoolWait: LatencySummary;
    /** Of that: the statement's round trip (sent → rows parsed). */
    popStatement: LatencySummary;
    /** Of that: rows → pop (JSON revived, mapped to the contract). */
    popMapping: LatencySummary;
    /** Pop built → `call:offered` handed to the agent's connection (call logged, routed, offered). */
    popToPushSent: LatencySummary;
    /** Of that: pop built → the push emitted (the call-queued fact, routing, the offer's view). */
    popToPushEmitted: LatencySummary;
    /** Of that: emitted → handed to the connection (Socket.IO encoding the push). */
    pushEncoding: LatencySummary;
    /** Push handed over → delivered in the agent's page. */
    pushDelivery: LatencySummary;
    /** Push delivered → the agent's INVITE delivered (negative: the INVITE came first). */
    pushToAgentInvite: LatencySummary;
    /** The first of the two delivered → the console's offer mark (decoding it, the handler). */
    deliveredToOfferMark: LatencySummary;
    /** The console's ring-to-painted: offer mark → pop painted. */
    offerMarkToPainted: LatencySummary;
    /** Of that, the part after the push with the pop arrived: decoding and rendering it, a frame. */
    pushDeliveredToPainted: LatencySummary;
    /** End to end: the caller's INVITE leaves → the pop is painted on the agent's screen. */
    callerInviteToPainted: LatencySummary;
  };
  pushBeforeAgentInvite: number;
  /** The `call:offered` push's size in bytes (JSON). */
  pushBytes: LatencySummary;
  /** The server's event-loop delay over the timed calls (ms): how long ready work waited for the loop. */
  eventLoopDelayMs: { p50: number; p99: number; max: number } | null;
  /** Pops that did not show the caller's number (the wrong call measured). */
  popsWithoutCallerNumber: number;
  pops: { withCustomer: number; avgInteractions: number; avgOpenCases: number; withFullHistory: number };
  browser: string;
}

const byRole = {
  agentReady: (p: Page) => p.getByRole('region', { name: 'My status' }).getByRole('status').filter({ hasText: /^Ready$/ }),
  phoneConnected: (p: Page) => p.getByRole('region', { name: 'My status' }).getByRole('status').filter({ hasText: /^Phone connected$/ }),
  answer: (p: Page) => p.getByRole('button', { name: 'Answer', exact: true }),
};

async function signInAgent(browser: Browser, baseUrl: string, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US' });
  await context.addInitScript({ content: WEBSOCKET_TAP_SCRIPT });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Agent desktop' }).waitFor();
  await byRole.phoneConnected(page).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Ready', exact: true }).click();
  await byRole.agentReady(page).waitFor();
  return page;
}

async function openWebPhone(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-US' });
  await context.addInitScript({ content: WEBSOCKET_TAP_SCRIPT });
  const page = await context.newPage();
  await page.goto('/phone');
  await page.getByRole('heading', { level: 1, name: 'Web phone' }).waitFor();
  return page;
}

const READ_MARKS = `(() => {
  const last = (name) => { const e = performance.getEntriesByName(name); return e.length ? e[e.length - 1] : null; };
  const measure = last(${JSON.stringify(MEASURE_RING_TO_PAINTED)});
  const offered = last(${JSON.stringify(MARK_OFFERED)});
  const painted = last(${JSON.stringify(MARK_PAINTED)});
  return {
    ringToPainted: measure ? measure.duration : null,
    offeredAt: offered ? performance.timeOrigin + offered.startTime : null,
    paintedAt: painted ? performance.timeOrigin + painted.startTime : null,
  };
})()`;
const AGENT_RINGS = `(globalThis.__kefuBenchTap?.invitesReceived.length ?? 0) > 0`;
const MEASURE_COUNT = `performance.getEntriesByName(${JSON.stringify(MEASURE_RING_TO_PAINTED)}).length`;

/**
 * Waits until a JavaScript expression is true in the page, asking every `intervalMs` from here:
 * Playwright's waitForFunction evaluates text with eval, which the console's CSP forbids.
 */
async function waitInPage(page: Page, expression: string, timeoutMs: number, intervalMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** One call: register as the number, dial, wait for the painted pop, hang up before the answer. */
async function oneCall(agent: Page, caller: Page, server: BenchServer, e164: string): Promise<CallSample> {
  await caller.getByRole('textbox', { name: 'Caller number' }).fill(e164);
  await caller.getByRole('button', { name: 'Connect', exact: true }).click();
  await caller.getByRole('region', { name: 'Caller line' }).getByRole('status').filter({ hasText: `Registered as ${e164}` }).waitFor();

  const before = (await agent.evaluate(MEASURE_COUNT)) as number;
  await Promise.all([agent.evaluate(RESET_TAP), caller.evaluate(RESET_TAP)]);
  server.clear();
  await caller.getByRole('button', { name: 'Call', exact: true }).click();
  // Polled on a timer rather than every frame, so the wait adds little work to the frames measured.
  await waitInPage(agent, `${MEASURE_COUNT} > ${before}`, CALL_TIMEOUT_MS, 50);

  const marks = (await agent.evaluate(READ_MARKS)) as { ringToPainted: number; offeredAt: number | null; paintedAt: number | null };
  const tap = { caller: (await caller.evaluate(READ_TAP)) as TapReading, agent: (await agent.evaluate(READ_TAP)) as TapReading };
  const popText = (await agent.getByRole('region', { name: 'Caller details' }).textContent()) ?? '';
  const sample: CallSample = {
    ...marks,
    tap,
    pop: server.pops.find((p) => p.callerNumber === e164) ?? server.pops[0] ?? null,
    offerEmitted: server.offersEmitted[0] ?? null,
    offerSent: server.offersSent[0] ?? null,
    popShowsCaller: popText.includes(e164),
  };

  // Hang up once the agent's phone rings, so no INVITE of this call is still on its way when
  // the next one starts; then the offer is withdrawn and the agent is Ready again.
  await waitInPage(agent, AGENT_RINGS, CALL_TIMEOUT_MS, 20);
  await caller.getByRole('button', { name: 'Hang up', exact: true }).click();
  await byRole.answer(agent).waitFor({ state: 'detached' });
  await byRole.agentReady(agent).waitFor();
  return sample;
}

/** After a failed call: end whatever rings and put the agent back to Ready. */
async function recover(agent: Page, caller: Page): Promise<void> {
  const hangUp = caller.getByRole('button', { name: 'Hang up', exact: true });
  if (await hangUp.isEnabled().catch(() => false)) await hangUp.click().catch(() => undefined);
  await byRole.answer(agent).waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
  if (!(await byRole.agentReady(agent).isVisible())) {
    // A missed offer leaves the agent Not ready (missed).
    await agent.getByRole('button', { name: 'Ready', exact: true }).click({ timeout: 5_000 }).catch(() => undefined);
    await byRole.agentReady(agent).waitFor({ timeout: 10_000 });
  }
}

const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a - b);

function summary(values: (number | null)[]): LatencySummary {
  return summarize(Float64Array.from(values.filter((v): v is number => v !== null)));
}

function summarise(
  samples: CallSample[],
  calls: number,
  warmup: number,
  errors: string[],
  failed: number,
  browser: string,
  eventLoopDelayMs: ScreenPopResult['eventLoopDelayMs'],
): ScreenPopResult {
  const first = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  const pops = samples.map((s) => s.pop).filter((p): p is ServerPop => p !== null);
  return {
    calls,
    warmup,
    completed: samples.length,
    failed,
    errors,
    ringToPaintedMs: summary(samples.map((s) => s.ringToPainted)),
    phasesMs: {
      inviteToPopQuery: summary(samples.map((s) => diff(s.pop?.startedAt, s.tap.caller.inviteSent))),
      popQuery: summary(samples.map((s) => diff(s.pop?.endedAt, s.pop?.startedAt))),
      popPoolWait: summary(samples.map((s) => s.pop?.poolWaitMs ?? null)),
      popStatement: summary(samples.map((s) => s.pop?.queryMs ?? null)),
      popMapping: summary(samples.map((s) => s.pop?.mapMs ?? null)),
      popToPushSent: summary(samples.map((s) => diff(s.offerSent, s.pop?.endedAt))),
      popToPushEmitted: summary(samples.map((s) => diff(s.offerEmitted?.at, s.pop?.endedAt))),
      pushEncoding: summary(samples.map((s) => diff(s.offerSent, s.offerEmitted?.at))),
      pushDelivery: summary(samples.map((s) => diff(s.tap.agent.offerReceived, s.offerSent))),
      pushToAgentInvite: summary(samples.map((s) => diff(s.tap.agent.inviteReceived, s.tap.agent.offerReceived))),
      deliveredToOfferMark: summary(samples.map((s) => diff(s.offeredAt, first(s.tap.agent.offerReceived, s.tap.agent.inviteReceived)))),
      offerMarkToPainted: summary(samples.map((s) => s.ringToPainted)),
      pushDeliveredToPainted: summary(samples.map((s) => diff(s.paintedAt, s.tap.agent.offerReceived))),
      callerInviteToPainted: summary(samples.map((s) => diff(s.paintedAt, s.tap.caller.inviteSent))),
    },
    pushBeforeAgentInvite: samples.filter((s) => (diff(s.tap.agent.inviteReceived, s.tap.agent.offerReceived) ?? -1) > 0).length,
    pushBytes: summary(samples.map((s) => s.offerEmitted?.bytes ?? null)),
    eventLoopDelayMs,
    popsWithoutCallerNumber: samples.filter((s) => !s.popShowsCaller).length,
    pops: {
      withCustomer: pops.filter((p) => p.customerId !== null).length,
      avgInteractions: round(pops.reduce((n, p) => n + p.interactions, 0) / Math.max(1, pops.length), 2),
      avgOpenCases: round(pops.reduce((n, p) => n + p.openCases, 0) / Math.max(1, pops.length), 3),
      withFullHistory: pops.filter((p) => p.interactions === 50).length,
    },
    browser,
  };
}

export async function runScreenPopCalls(opts: {
  server: BenchServer;
  agent: { username: string; password: string };
  /** Warm-up callers first, then the timed ones. */
  callers: ScreenPopCaller[];
  warmup: number;
  onProgress: (done: number) => void;
}): Promise<ScreenPopResult> {
  const browser = await launchChromium();
  try {
    const agent = await signInAgent(browser, opts.server.baseUrl, opts.agent.username, opts.agent.password);
    const caller = await openWebPhone(browser, opts.server.baseUrl);
    const samples: CallSample[] = [];
    const errors: string[] = [];
    let failed = 0;
    let failedInARow = 0;
    for (const [i, c] of opts.callers.entries()) {
      try {
        if (i === opts.warmup) opts.server.resetLoopDelay(); // the timed calls' share only
        const sample = await oneCall(agent, caller, opts.server, c.e164);
        failedInARow = 0;
        if (i < opts.warmup) continue;
        samples.push(sample);
        if (samples.length % 25 === 0) opts.onProgress(samples.length);
      } catch (err) {
        failed++;
        if (errors.length < 5) errors.push(`${c.e164}: ${(err as Error).message.split('\n')[0]}`);
        if (++failedInARow >= MAX_FAILURES_IN_A_ROW) break;
        await recover(agent, caller);
      }
    }
    return summarise(samples, opts.callers.length - opts.warmup, opts.warmup, errors, failed, `Chromium ${browser.version()}`, opts.server.loopDelay());
  } finally {
    await browser.close();
  }
}
