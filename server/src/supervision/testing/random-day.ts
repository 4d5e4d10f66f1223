// A day of queue calls and agent state changes, made up from a seed, as the ACD would emit them:
// for the metrics' property tests and the test that replays a day into both the live wallboard
// and the call log, then compares the wallboard with the report.
import type { AgentState, LiveCallView } from '../../../../contract/index.js';
import type { CallFact } from '../../acd/call-facts.js';

export interface RandomDayOptions {
  seed: number;
  dayStart: number;
  queueIds: number[];
  agentIds: number[];
  /** Interaction ids to use, one per call (real rows need ids from the table's sequence). */
  interactionIds: () => number;
  calls: number;
  /** Also make calls that are still waiting or on a call when the day's facts stop. */
  leaveSomeOpen?: boolean;
}

/** A small, seeded PRNG (mulberry32): the same seed makes the same day. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;

function view(callId: string, interactionId: number, state: LiveCallView['state'], answeredAt: number | null): LiveCallView {
  return {
    callId,
    interactionId,
    queueName: 'Queue',
    callerNumber: '+8613800138000',
    state,
    offeredAt: null,
    answeredAt: answeredAt === null ? null : new Date(answeredAt).toISOString(),
    ringSeconds: null,
    screenPop: { callerNumber: '+8613800138000', normalizedPhone: '+8613800138000', matches: [], primary: null },
  };
}

function stateFact(agentId: number, state: AgentState, reason: string | null, at: number): CallFact {
  return {
    type: 'agent-state-changed',
    agentId,
    status: { state, reason },
    at,
    view: { state, reason, since: new Date(at).toISOString(), phoneReachable: true, wrapUpEndsAt: null },
  };
}

/** The facts of one made-up day, in the order they happened. Times fall between 08:00 and 20:00 after dayStart. */
export function randomDay(o: RandomDayOptions): CallFact[] {
  const r = prng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const secs = (lo: number, hi: number) => Math.round(lo + r() * (hi - lo));
  const events: { at: number; seq: number; fact: CallFact }[] = [];
  let seq = 0;
  const add = (at: number, fact: CallFact) => events.push({ at, seq: seq++, fact });

  // Each agent signs in, then works sequentially: free time, a call or a break, again.
  const free = new Map<number, number>();
  for (const a of o.agentIds) {
    const login = o.dayStart + 8 * HOUR + secs(0, 1800) * 1000;
    add(login, stateFact(a, 'not_ready', 'login', login));
    add(login + 5000, stateFact(a, 'ready', null, login + 5000));
    free.set(a, login + 5000);
  }
  for (let i = 0; i < o.calls; i++) {
    const queueId = pick(o.queueIds);
    const callId = `call-${o.seed}-${i}`;
    const interactionId = o.interactionIds();
    const kind = r();
    if (kind < 0.65) {
      // Answered by the agent who is free first.
      const agentId = [...free.entries()].sort((x, y) => x[1] - y[1])[0]![0];
      const freeAt = free.get(agentId)!;
      const arrive = freeAt + secs(-60, 300) * 1000;
      const offer = Math.max(arrive + 1000, freeAt + 1000);
      const answer = offer + secs(1, 12) * 1000;
      const talk = secs(20, 600);
      const hold = r() < 0.3 ? secs(5, 60) : 0;
      const end = answer + (talk + hold) * 1000;
      const wrap = secs(0, 90);
      add(arrive, { type: 'call-queued', callId, interactionId, sipCallId: `${callId}@test`, callerNumber: '+8613800138000', customerId: null, queueId, at: arrive });
      add(offer, { type: 'call-offered', callId, interactionId, agentId, at: offer, view: view(callId, interactionId, 'ringing', null) });
      add(offer, stateFact(agentId, 'ringing', null, offer));
      const open = o.leaveSomeOpen && r() < 0.05;
      add(answer, { type: 'call-answered', callId, interactionId, agentId, at: answer, waitSeconds: Math.round((answer - arrive) / 1000), view: view(callId, interactionId, 'talking', answer) });
      add(answer, { type: 'offer-ended', callId, agentId, outcome: 'answered', reason: null, at: answer });
      add(answer, stateFact(agentId, 'on_call', null, answer));
      if (open) {
        free.set(agentId, Number.MAX_SAFE_INTEGER);
        if ([...free.values()].every((v) => v === Number.MAX_SAFE_INTEGER)) break;
        continue;
      }
      add(end, {
        type: 'call-ended',
        callId,
        interactionId,
        agentId,
        at: end,
        reason: 'completed',
        hangupBy: r() < 0.5 ? 'customer' : 'agent',
        waitSeconds: Math.round((answer - arrive) / 1000),
        talkSeconds: talk,
        holdSeconds: hold,
      });
      add(end, stateFact(agentId, 'wrap_up', null, end));
      const wrapEnd = end + wrap * 1000;
      add(wrapEnd, { type: 'wrap-up-ended', agentId, callId, interactionId, seconds: wrap, at: wrapEnd });
      let back = wrapEnd;
      if (r() < 0.15) {
        // A break after the call.
        add(wrapEnd, stateFact(agentId, 'not_ready', 'after_call', wrapEnd));
        back = wrapEnd + secs(60, 900) * 1000;
      }
      add(back, stateFact(agentId, 'ready', null, back));
      free.set(agentId, back);
    } else {
      const arrive = o.dayStart + 8 * HOUR + Math.floor(r() * 12 * HOUR);
      add(arrive, { type: 'call-queued', callId, interactionId, sipCallId: `${callId}@test`, callerNumber: '+8613800138000', customerId: null, queueId, at: arrive });
      if (kind < 0.9) {
        const wait = secs(0, 120);
        const end = arrive + wait * 1000;
        add(end, { type: 'call-ended', callId, interactionId, agentId: null, at: end, reason: 'abandoned', hangupBy: 'customer', waitSeconds: wait, talkSeconds: null, holdSeconds: 0 });
      } else if (kind < 0.97 || !o.leaveSomeOpen) {
        const wait = 600;
        const end = arrive + wait * 1000;
        add(end, { type: 'call-ended', callId, interactionId, agentId: null, at: end, reason: 'busy', hangupBy: 'system', waitSeconds: wait, talkSeconds: null, holdSeconds: 0 });
      }
      // else: still waiting when the facts stop
    }
  }
  return events.sort((x, y) => x.at - y.at || x.seq - y.seq).map((e) => e.fact);
}
