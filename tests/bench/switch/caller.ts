// Open-loop call generator: INVITEs at a fixed rate (not waiting for earlier calls), each ACKed
// on 200 and hung up with BYE after a short hold. Bounded in count and in time.
import type { LoadUa } from './sip-load-client.js';
import { header, type SipMessage } from './sip-wire.js';

const nsToMs = (ns: bigint): number => Number(ns) / 1e6;

/** Joins the agent side to the caller side: call n's INVITE send time, and ringing samples. */
export class RingTracker {
  readonly sentAt = new Map<number, bigint>();
  readonly ringingMs: number[] = [];
  unmatched = 0;

  /** Hook for every agent UA: kefu's agent leg carries X-Kefu-Interaction-Id = n; a proxy keeps the Call-ID `b<n>-...`. */
  onAgentInvite = (msg: SipMessage, at: bigint): void => {
    const raw = header(msg, 'x-kefu-interaction-id') ?? /^b(\d+)-/.exec(header(msg, 'call-id') ?? '')?.[1];
    const n = raw === undefined ? NaN : Number(raw);
    const sent = this.sentAt.get(n);
    if (sent === undefined) {
      this.unmatched++;
      return;
    }
    this.sentAt.delete(n); // first agent INVITE per call only
    this.ringingMs.push(nsToMs(at - sent));
  };
}

/** What the generator tells about each call: when its INVITE left, and what came back. */
export interface CallTracker {
  readonly sentAt: Map<number, bigint>;
  callerResponse?(n: number, msg: SipMessage, at: bigint): void;
}

export interface LoadPlan {
  readonly callers: readonly LoadUa[];
  readonly calls: number;
  readonly ratePerSecond: number;
  readonly holdMs: number;
  /** Calls still open this long after the last INVITE are counted as timed out. */
  readonly drainMs: number;
  /** At most this many calls in progress per caller connection (kefu allows 4). */
  readonly maxPerCaller: number;
  readonly ruriFor: (n: number) => string;
}

export interface LoadOutcome {
  attempted: number;
  completed: number;
  failed: number;
  failures: Record<string, number>;
  byeOk: number;
  byeFailed: number;
  skippedCallersFull: number;
  setupMs: number[];
  /** From the first INVITE to the last 200 OK. */
  setupWindowMs: number;
  /** From the first INVITE to the last attempt (sent or skipped). */
  sendWindowMs: number;
  /** Worst lateness of an INVITE against its open-loop schedule (generator saturation). */
  maxSendLagMs: number;
  timedOut: number;
}

export async function runCalls(plan: LoadPlan, tracker: CallTracker): Promise<LoadOutcome> {
  const out: LoadOutcome = {
    attempted: 0, completed: 0, failed: 0, failures: {}, byeOk: 0, byeFailed: 0, skippedCallersFull: 0,
    setupMs: [], setupWindowMs: 0, sendWindowMs: 0, maxSendLagMs: 0, timedOut: 0,
  };
  const active = new Map<LoadUa, number>(plan.callers.map((c) => [c, 0]));
  let open = 0;
  let rr = 0;
  let lastSetup = 0n;
  let lastSend = 0n;
  let onIdle: (() => void) | undefined;
  const fail = (why: string): void => {
    out.failed++;
    out.failures[why] = (out.failures[why] ?? 0) + 1;
  };
  const done = (ua: LoadUa): void => {
    active.set(ua, active.get(ua)! - 1);
    open--;
    if (open === 0) onIdle?.();
  };

  const place = (n: number): void => {
    let ua: LoadUa | undefined;
    for (let k = 0; k < plan.callers.length && !ua; k++) {
      const c = plan.callers[rr]!;
      rr = (rr + 1) % plan.callers.length;
      if (active.get(c)! < plan.maxPerCaller) ua = c;
    }
    out.attempted++;
    lastSend = process.hrtime.bigint();
    if (!ua) {
      out.skippedCallersFull++;
      fail('generator-callers-full');
      return;
    }
    const caller = ua;
    active.set(caller, active.get(caller)! + 1);
    open++;
    const sent = process.hrtime.bigint();
    tracker.sentAt.set(n, sent);
    let settled = false;
    caller.invite(plan.ruriFor(n), `b${n}-${sent.toString(36)}`, {
      ...(tracker.callerResponse ? { onResponse: (msg: SipMessage, at: bigint) => tracker.callerResponse!(n, msg, at) } : {}),
      onFinal: (status, at, dialog) => {
        if (settled) return;
        settled = true;
        if (status >= 200 && status < 300 && dialog) {
          out.completed++;
          out.setupMs.push(nsToMs(at - sent));
          if (at > lastSetup) lastSetup = at;
          setTimeout(() => {
            void caller.bye(dialog).then((s) => {
              if (s >= 200 && s < 300) out.byeOk++;
              else out.byeFailed++;
              done(caller);
            });
          }, plan.holdMs);
          return;
        }
        tracker.sentAt.delete(n);
        fail(status === 0 ? 'no-final-response' : String(status));
        done(caller);
      },
    });
  };

  const start = process.hrtime.bigint();
  const intervalMs = 1000 / plan.ratePerSecond;
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = (): void => {
      const elapsed = nsToMs(process.hrtime.bigint() - start);
      while (i < plan.calls && i * intervalMs <= elapsed) {
        out.maxSendLagMs = Math.max(out.maxSendLagMs, elapsed - i * intervalMs);
        place(i);
        i++;
      }
      if (i >= plan.calls) return resolve();
      setTimeout(tick, Math.max(0, i * intervalMs - elapsed));
    };
    tick();
  });
  out.sendWindowMs = nsToMs(lastSend - start);
  if (open > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, plan.drainMs);
      onIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  out.timedOut = open;
  out.setupWindowMs = lastSetup > 0n ? nsToMs(lastSetup - start) : 0;
  out.maxSendLagMs = Math.round(out.maxSendLagMs * 10) / 10;
  return out;
}
