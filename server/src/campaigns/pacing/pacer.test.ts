import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createPacer, type Pacer } from './pacer.js';
import { pacingSettings, type PacingSettingsInput } from './pacing-settings.js';

const T0 = Date.UTC(2026, 11, 1, 9);
const DAY = 86_400_000;
let seq = 0;

/**
 * `n` calls answered after 10 s and connected, each with two calls that rang out (an answer rate
 * of 1 in 3) and a 2-minute handle; the engine asks the pacer every second meanwhile, as it does.
 */
function connectCalls(p: Pacer, n: number, from: number, floor = { agentsReady: 1, agentsBusy: 60 }): number {
  let t = from;
  for (let i = 0; i < n; i++) {
    const id = `c${++seq}`;
    p.observe({ type: 'dialed', callId: id, at: t });
    for (const miss of [`m${seq}a`, `m${seq}b`]) p.observe({ type: 'dialed', callId: miss, at: t });
    p.observe({ type: 'answered', callId: id, at: t + 10_000 });
    p.observe({ type: 'connected', callId: id, at: t + 10_100 });
    for (const miss of [`m${seq}a`, `m${seq}b`]) p.observe({ type: 'unanswered', callId: miss, at: t + 25_000, outcome: 'no_answer' });
    p.observe({ type: 'handled', at: t + 130_000, handleMs: 120_000 });
    t += 1000;
    p.callsToPlace({ now: t, ...floor });
  }
  return t + 130_000;
}

function abandonCalls(p: Pacer, n: number, at: number): void {
  for (let i = 0; i < n; i++) {
    const id = `a${++seq}`;
    p.observe({ type: 'dialed', callId: id, at });
    p.observe({ type: 'answered', callId: id, at: at + 500 });
    p.observe({ type: 'abandoned', callId: id, at: at + 2500 });
  }
}

function dial(p: Pacer, n: number, at: number): string[] {
  return Array.from({ length: n }, () => {
    const id = `d${++seq}`;
    p.observe({ type: 'dialed', callId: id, at });
    return id;
  });
}

const predictive = (over: PacingSettingsInput = {}) => createPacer({ mode: 'predictive', ...over }, T0);

describe('settings', () => {
  it('refuses a ring timeout under 15 seconds and rings 25 s by default', () => {
    expect(() => pacingSettings({ ringTimeoutSeconds: 10 })).toThrow(ZodError);
    expect(createPacer({}, T0).ringTimeoutMs()).toBe(25_000);
    expect(createPacer({ ringTimeoutSeconds: 15 }, T0).ringTimeoutMs()).toBe(15_000);
  });

  it('defaults to a 3 % cap over 30 days, held as a hard limit, with a 2 s connect window', () => {
    const s = pacingSettings();
    expect(s).toMatchObject({ abandonCap: 0.03, capWindow: '30d', hardLimit: true, connectWithinSeconds: 2 });
    expect(() => pacingSettings({ connectWithinSeconds: 3 })).toThrow(ZodError);
  });
});

describe('preview and progressive', () => {
  it('places nothing in preview: the agent dials', () => {
    const p = createPacer({ mode: 'preview' }, T0);
    expect(p.callsToPlace({ now: T0, agentsReady: 10, agentsBusy: 0 })).toMatchObject({ place: 0, workingAs: 'preview' });
  });

  it('keeps one call in flight per ready agent in progressive', () => {
    const p = createPacer({ mode: 'progressive' }, T0);
    expect(p.callsToPlace({ now: T0, agentsReady: 5, agentsBusy: 20 }).place).toBe(5);
    const [first] = dial(p, 5, T0);
    expect(p.callsToPlace({ now: T0 + 1000, agentsReady: 5, agentsBusy: 20 }).place).toBe(0);
    // One call rings out: a ready agent without a call gets another.
    p.observe({ type: 'unanswered', callId: first!, at: T0 + 25_000, outcome: 'no_answer' });
    expect(p.callsToPlace({ now: T0 + 25_000, agentsReady: 5, agentsBusy: 20 }).place).toBe(1);
  });
});

describe('predictive under the hard limit', () => {
  it('works progressively until answered calls have earned room under the cap', () => {
    const p = predictive();
    // 50 agents busy, 2 ready: a pacer without the cap would dial well ahead.
    const d = p.callsToPlace({ now: T0, agentsReady: 2, agentsBusy: 50 });
    expect(d).toMatchObject({ place: 2, workingAs: 'progressive', reason: 'cap_guard' });
  });

  it('never exposes more calls than could all be abandoned within the cap', () => {
    const p = predictive();
    const t = connectCalls(p, 200, T0); // 0.03 * 200 / 0.97 = 6.2: six calls may be exposed
    expect(p.status(t).exposureAllowed).toBe(6);
    // 200 agents about to finish: the model alone would dial many more than six ahead.
    const d = p.callsToPlace({ now: t, agentsReady: 1, agentsBusy: 200 });
    expect(d).toMatchObject({ place: 7, reason: 'cap_guard', workingAs: 'predictive' }); // one for the ready agent, six ahead
    dial(p, d.place, t);
    expect(p.callsToPlace({ now: t + 100, agentsReady: 1, agentsBusy: 200 }).place).toBe(0);
  });

  it('stops dialing ahead once abandons have used the budget', () => {
    const p = predictive();
    const t = connectCalls(p, 200, T0);
    abandonCalls(p, 6, t); // 6 / 206 = 2.9 %
    expect(p.status(t + 5000).capWindow).toMatchObject({ answered: 206, abandoned: 6 });
    const d = p.callsToPlace({ now: t + 5000, agentsReady: 0, agentsBusy: 60 });
    expect(d).toMatchObject({ place: 0, workingAs: 'progressive', reason: 'cap_guard' });
  });

  it('keeps the window\'s budget across a restart from the counts restored from the call log', () => {
    const now = T0 + 3 * DAY;
    const fresh = createPacer({ mode: 'predictive' }, T0);
    const restored = createPacer({ mode: 'predictive' }, T0, { now, answered: 1000, abandoned: 30 });
    expect(fresh.status(now).exposureAllowed).toBe(0);
    expect(restored.status(now).capWindow).toMatchObject({ answered: 1000, abandoned: 30, rate: 0.03 });
    expect(restored.status(now).exposureAllowed).toBe(0);
    expect(createPacer({ mode: 'predictive' }, T0, { now, answered: 1000, abandoned: 10 }).status(now).exposureAllowed).toBe(20);
  });

  it('counts a call connected more than 2 s after its answer as abandoned', () => {
    const p = predictive();
    dial(p, 1, T0);
    const id = `d${seq}`;
    p.observe({ type: 'answered', callId: id, at: T0 + 5000 });
    p.observe({ type: 'connected', callId: id, at: T0 + 7001 });
    expect(p.status(T0 + 8000).capWindow).toMatchObject({ answered: 1, abandoned: 1 });
  });

  it('takes a connect or abandon reported without its answer as answered at that moment', () => {
    const p = predictive();
    const [a, b] = dial(p, 2, T0);
    p.observe({ type: 'connected', callId: a!, at: T0 + 8000 });
    p.observe({ type: 'abandoned', callId: b!, at: T0 + 9000 });
    p.observe({ type: 'abandoned', callId: b!, at: T0 + 9500 }); // a repeated report changes nothing
    expect(p.status(T0 + 10_000).capWindow).toMatchObject({ answered: 2, abandoned: 1 });
    expect(p.callsToPlace({ now: T0 + 10_000, agentsReady: 3, agentsBusy: 0 })).toMatchObject({ inFlight: 0, place: 3 });
  });

  it('stops dialing ahead in the last ring timeout and connect window of a cap window', () => {
    const p = predictive({ capWindow: '24h' });
    connectCalls(p, 1000, T0);
    const end = T0 + DAY;
    expect(p.callsToPlace({ now: end - 28_000, agentsReady: 1, agentsBusy: 60 }).place).toBeGreaterThan(1);
    expect(p.callsToPlace({ now: end - 27_000, agentsReady: 1, agentsBusy: 60 })).toMatchObject({ place: 1, reason: 'window_closing' });
    // The next window starts with no budget: progressive until its own answers earn one.
    expect(p.callsToPlace({ now: end + 1000, agentsReady: 1, agentsBusy: 60 })).toMatchObject({ place: 1, reason: 'cap_guard' });
  });
});

describe('predictive without the hard limit', () => {
  it('dials ahead on its estimates, then works progressively once the window is at the cap', () => {
    const p = predictive({ hardLimit: false });
    const ahead = p.callsToPlace({ now: T0, agentsReady: 1, agentsBusy: 60 });
    expect(ahead).toMatchObject({ workingAs: 'predictive' });
    expect(ahead.place).toBeGreaterThan(1);
    const t = connectCalls(p, 97, T0 + 60_000);
    abandonCalls(p, 3, t);
    expect(p.callsToPlace({ now: t + 5000, agentsReady: 1, agentsBusy: 60 })).toMatchObject({ place: 1, reason: 'cap_reached' });
  });
});

describe('the dial ratio', () => {
  it('dials further ahead for a large team than for a small one with the same rates', () => {
    const ratioFor = (agents: number) => {
      const p = predictive({ hardLimit: false });
      let t = T0;
      for (let i = 0; i < 120; i++, t += 5000) p.callsToPlace({ now: t, agentsReady: 0, agentsBusy: agents });
      return p.status(t).dialRatio;
    };
    expect(ratioFor(200)).toBeGreaterThan(ratioFor(10));
  });

  it('moves by small steps when the rates jump', () => {
    const p = predictive({ hardLimit: false });
    let t = T0;
    const ratios: number[] = [];
    for (let i = 0; i < 60; i++, t += 5000) ratios.push(p.callsToPlace({ now: t, agentsReady: 0, agentsBusy: 400 }).dialRatio);
    // A minute in which nobody answers: the answer rate estimate falls, the ratio follows slowly.
    const ids = dial(p, 200, t);
    t += 25_000;
    for (const id of ids) p.observe({ type: 'unanswered', callId: id, at: t, outcome: 'no_answer' });
    for (let i = 0; i < 60; i++, t += 5000) ratios.push(p.callsToPlace({ now: t, agentsReady: 0, agentsBusy: 400 }).dialRatio);
    const steps = ratios.slice(1).map((r, i) => Math.abs(r - ratios[i]!));
    expect(Math.max(...steps)).toBeLessThanOrEqual(Math.max(0.01, 0.01 * Math.max(...ratios)) + 1e-9);
    expect(Math.max(...steps)).toBeGreaterThan(0); // it does move
  });

  it('gives the same decisions for the same events', () => {
    const run = () => {
      const p = predictive();
      const t = connectCalls(p, 300, T0);
      return [0, 5000, 10_000, 15_000].map((dt) => p.callsToPlace({ now: t + dt, agentsReady: dt / 5000, agentsBusy: 40 }));
    };
    expect(run()).toEqual(run());
  });
});
