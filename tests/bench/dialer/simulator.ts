// The dialer simulator: a campaign floor in simulated time driving the real pacer
// (server/src/campaigns/pacing). Callees answer with a probability after a log-normal delay, or
// are busy, or let it ring until the pacer's ring timeout; agents talk for a log-normal time,
// then wrap up. An answered call goes to a ready agent at once, waits up to the connect window
// for one, or is abandoned. Everything random comes from one seed.
//
// Days: each day the floor works `minutesPerDay` from the same time of day; when it closes no
// call is placed and agents finish what they have (their time counts until they are done).
import { createPacer, type Pacer } from '../../../server/src/campaigns/pacing/pacer.js';
import { CAP_WINDOW_MS, type DialMode, type PacingSettingsInput } from '../../../server/src/campaigns/pacing/pacing-settings.js';
import { EventQueue, logNormal, seededRandom } from './event-queue.js';

export interface CalleeModel {
  /** Share of calls answered by a person if they ring long enough. */
  answerRate: number;
  /** Share of calls that get a busy or failure signal after a few seconds. */
  busyRate: number;
  /** Mean and coefficient of variation of the time to answer, seconds. */
  answerMeanSeconds: number;
  answerCv: number;
}

export interface AgentModel {
  talkMeanSeconds: number;
  talkCv: number;
  wrapMinSeconds: number;
  wrapMaxSeconds: number;
  /** Preview mode: seconds an agent reads the lead before dialing. */
  previewMinSeconds: number;
  previewMaxSeconds: number;
}

export interface SimulationOptions {
  seed: number;
  agents: number;
  days: number;
  minutesPerDay: number;
  pacing: PacingSettingsInput & { mode: DialMode };
  callee?: Partial<CalleeModel>;
  agent?: Partial<AgentModel>;
  /** Which of the `days` the floor works (default: all). */
  workingDays?: number[];
  /** Minutes after midnight of the campaign's clock at which each working day opens (default 0). */
  openAtMinute?: number;
  /** Record the dial ratio at each recompute tick from this minute of each day on (stability). */
  sampleRatioFromMinute?: number;
}

export const DEFAULT_CALLEE: CalleeModel = { answerRate: 0.3, busyRate: 0.05, answerMeanSeconds: 9, answerCv: 0.5 };
export const DEFAULT_AGENT: AgentModel = { talkMeanSeconds: 180, talkCv: 0.6, wrapMinSeconds: 20, wrapMaxSeconds: 40, previewMinSeconds: 15, previewMaxSeconds: 30 };

export interface WindowCount {
  index: number;
  answered: number;
  abandoned: number;
  rate: number;
}

export interface SimulationResult {
  agents: number;
  mode: DialMode;
  dials: number;
  answered: number;
  connected: number;
  abandoned: number;
  agentHours: number;
  talkMinutesPerAgentHour: number;
  /** (talk + wrap-up) / time signed in. */
  occupancy: number;
  /** Counted by the simulator from its own calls, by the window of each answer. */
  windows: WindowCount[];
  /** Shortest ring of a call hung up unanswered (busy signals excluded), ms. */
  minNoAnswerRingMs: number | null;
  /** Longest wait of an answered call before it was connected, ms. */
  maxConnectWaitMs: number;
  ratioSamples: number[];
  /** One-day runs: answered and abandoned per 15 minutes of the day. */
  timeline: { answered: number; abandoned: number; placedAhead: number }[];
  pacer: Pacer;
}

type SimEvent =
  | { kind: 'open'; day: number }
  | { kind: 'close' }
  | { kind: 'tick' }
  | { kind: 'answer'; call: number }
  | { kind: 'no_answer'; call: number; outcome: 'no_answer' | 'busy' }
  | { kind: 'abandon'; call: number }
  | { kind: 'talk_end'; agent: number }
  | { kind: 'wrap_end'; agent: number }
  | { kind: 'preview_dial'; agent: number };

interface Call {
  id: number;
  dialedAt: number;
  answeredAt: number | null;
  /** Preview: the agent who dialed it and waits for it. */
  agent: number | null;
  done: boolean;
}

type AgentState = 'off' | 'ready' | 'previewing' | 'dialing' | 'talking' | 'wrapping';

interface Agent {
  state: AgentState;
  connectedAt: number;
  talkEndedAt: number;
  signedInAt: number;
}

const TIMELINE_MS = 15 * 60_000;
const START = Date.UTC(2026, 11, 1, 9, 0, 0);

export function simulate(o: SimulationOptions): SimulationResult {
  const random = seededRandom(o.seed);
  const callee = { ...DEFAULT_CALLEE, ...o.callee };
  const agentModel = { ...DEFAULT_AGENT, ...o.agent };
  const pacer = createPacer(o.pacing, START);
  const mode = pacer.settings.mode;
  const ringTimeout = pacer.ringTimeoutMs();
  const connectMs = pacer.connectWithinMs();
  const windowMs = CAP_WINDOW_MS[pacer.settings.capWindow];
  const tickMs = pacer.settings.recomputeSeconds * 1000;
  const q = new EventQueue<SimEvent>();
  const agents: Agent[] = Array.from({ length: o.agents }, () => ({ state: 'off', connectedAt: 0, talkEndedAt: 0, signedInAt: 0 }));
  const calls = new Map<number, Call>();
  const waitingCalls: Call[] = []; // answered, no agent yet (FIFO)
  let nextCall = 0;
  let open = false;
  let openedAt = 0;
  let now = START;
  let ready = 0;
  let busy = 0;
  const stats = { dials: 0, answered: 0, connected: 0, abandoned: 0, signedInMs: 0, talkMs: 0, wrapMs: 0, minNoAnswer: Infinity, maxWait: 0 };
  const windows = new Map<number, { answered: number; abandoned: number }>();
  const ratioSamples: number[] = [];

  const timeline: { answered: number; abandoned: number; placedAhead: number }[] = [];
  const slot = () => {
    const i = Math.floor((now - openedAt) / TIMELINE_MS);
    while (timeline.length <= i) timeline.push({ answered: 0, abandoned: 0, placedAhead: 0 });
    return timeline[i]!;
  };
  const countAnswer = (call: Call, abandoned: boolean) => {
    if (o.days === 1) {
      slot().answered += 1;
      if (abandoned) slot().abandoned += 1;
    }
    const idx = Math.floor((call.answeredAt! - START) / windowMs);
    const w = windows.get(idx) ?? { answered: 0, abandoned: 0 };
    w.answered += 1;
    if (abandoned) w.abandoned += 1;
    windows.set(idx, w);
  };

  const setState = (a: Agent, s: AgentState) => {
    if (a.state === 'ready') ready -= 1;
    if (a.state === 'talking' || a.state === 'wrapping') busy -= 1;
    a.state = s;
    if (s === 'ready') ready += 1;
    if (s === 'talking' || s === 'wrapping') busy += 1;
  };

  const placeCall = (agent: number | null) => {
    const call: Call = { id: nextCall++, dialedAt: now, answeredAt: null, agent, done: false };
    calls.set(call.id, call);
    stats.dials += 1;
    pacer.observe({ type: 'dialed', callId: String(call.id), at: now });
    const r = random();
    if (r < callee.busyRate) q.push(now + 2000 + random() * 3000, { kind: 'no_answer', call: call.id, outcome: 'busy' });
    else if (r < callee.busyRate + callee.answerRate) {
      const t = logNormal(random, callee.answerMeanSeconds, callee.answerCv) * 1000;
      if (t < ringTimeout) q.push(now + t, { kind: 'answer', call: call.id });
      else q.push(now + ringTimeout, { kind: 'no_answer', call: call.id, outcome: 'no_answer' });
    } else q.push(now + ringTimeout, { kind: 'no_answer', call: call.id, outcome: 'no_answer' });
  };

  const connect = (call: Call, agentIndex: number) => {
    const a = agents[agentIndex]!;
    setState(a, 'talking');
    a.connectedAt = now;
    call.done = true;
    calls.delete(call.id);
    stats.connected += 1;
    stats.maxWait = Math.max(stats.maxWait, now - call.answeredAt!);
    countAnswer(call, false);
    pacer.observe({ type: 'connected', callId: String(call.id), at: now });
    q.push(now + logNormal(random, agentModel.talkMeanSeconds, agentModel.talkCv) * 1000, { kind: 'talk_end', agent: agentIndex });
  };

  const startPreview = (i: number) => {
    setState(agents[i]!, 'previewing');
    const s = agentModel.previewMinSeconds + random() * (agentModel.previewMaxSeconds - agentModel.previewMinSeconds);
    q.push(now + s * 1000, { kind: 'preview_dial', agent: i });
  };

  /** An agent with nothing to do: takes a waiting call, or is ready (preview: reads the next lead). */
  const freeAgent = (i: number) => {
    const a = agents[i]!;
    if (!open && (mode === 'preview' || calls.size === 0)) return signOff(a);
    if (mode === 'preview') return startPreview(i);
    setState(a, 'ready');
    const call = waitingCalls.shift();
    if (call) connect(call, i);
  };

  const signOff = (a: Agent) => {
    stats.signedInMs += now - a.signedInAt;
    setState(a, 'off');
  };

  const readyAgentIndex = () => agents.findIndex((a) => a.state === 'ready');

  const pace = () => {
    if (!open || mode === 'preview') return null;
    const d = pacer.callsToPlace({ now, agentsReady: ready, agentsBusy: busy });
    if (o.days === 1) slot().placedAhead += Math.max(0, d.place - Math.max(0, ready - d.inFlight));
    for (let k = 0; k < d.place; k++) placeCall(null);
    return d;
  };

  const opensAt = (o.openAtMinute ?? 0) * 60_000;
  for (const d of o.workingDays ?? Array.from({ length: o.days }, (_, i) => i)) {
    q.push(START + d * 86_400_000 + opensAt, { kind: 'open', day: d });
    q.push(START + d * 86_400_000 + opensAt + o.minutesPerDay * 60_000, { kind: 'close' });
  }

  const sampleFrom = o.sampleRatioFromMinute;
  for (let item = q.pop(); item; item = q.pop()) {
    now = item.at;
    const e = item.event;
    switch (e.kind) {
      case 'open':
        open = true;
        openedAt = now;
        for (let i = 0; i < agents.length; i++) {
          agents[i]!.signedInAt = now;
          if (mode === 'preview') startPreview(i);
          else setState(agents[i]!, 'ready');
        }
        q.push(now + tickMs, { kind: 'tick' });
        break;
      case 'close':
        open = false;
        break;
      case 'tick':
        if (!open) break;
        if (sampleFrom !== undefined && now - openedAt >= sampleFrom * 60_000) {
          const d = pace();
          if (d) ratioSamples.push(d.dialRatio);
        }
        q.push(now + tickMs, { kind: 'tick' });
        break;
      case 'answer': {
        const call = calls.get(e.call)!;
        call.answeredAt = now;
        stats.answered += 1;
        pacer.observe({ type: 'answered', callId: String(call.id), at: now });
        if (call.agent !== null) connect(call, call.agent);
        else {
          const i = readyAgentIndex();
          if (i >= 0) connect(call, i);
          else {
            waitingCalls.push(call);
            q.push(now + connectMs, { kind: 'abandon', call: call.id });
          }
        }
        break;
      }
      case 'no_answer': {
        const call = calls.get(e.call)!;
        calls.delete(call.id);
        if (e.outcome === 'no_answer') stats.minNoAnswer = Math.min(stats.minNoAnswer, now - call.dialedAt);
        pacer.observe({ type: 'unanswered', callId: String(call.id), at: now, outcome: e.outcome });
        if (call.agent !== null) freeAgent(call.agent);
        break;
      }
      case 'abandon': {
        const call = calls.get(e.call);
        if (!call || call.done) break;
        call.done = true;
        calls.delete(call.id);
        waitingCalls.splice(waitingCalls.indexOf(call), 1);
        stats.abandoned += 1;
        countAnswer(call, true);
        pacer.observe({ type: 'abandoned', callId: String(call.id), at: now });
        break;
      }
      case 'talk_end': {
        const a = agents[e.agent]!;
        stats.talkMs += now - a.connectedAt;
        a.talkEndedAt = now;
        setState(a, 'wrapping');
        const wrap = (agentModel.wrapMinSeconds + random() * (agentModel.wrapMaxSeconds - agentModel.wrapMinSeconds)) * 1000;
        q.push(now + wrap, { kind: 'wrap_end', agent: e.agent });
        break;
      }
      case 'wrap_end': {
        const a = agents[e.agent]!;
        stats.wrapMs += now - a.talkEndedAt;
        pacer.observe({ type: 'handled', at: now, handleMs: now - a.connectedAt });
        freeAgent(e.agent);
        break;
      }
      case 'preview_dial':
        if (!open) {
          signOff(agents[e.agent]!);
          break;
        }
        setState(agents[e.agent]!, 'dialing');
        placeCall(e.agent);
        break;
    }
    // Decide after every change at this instant, once the instant's events are all applied.
    if (q.peekAt() !== now) pace();
    // After closing time ready agents stay until no call that could need them is in flight.
    if (!open && calls.size === 0 && ready > 0) for (const a of agents) if (a.state === 'ready') signOff(a);
  }

  const agentHours = stats.signedInMs / 3_600_000;
  return {
    agents: o.agents,
    mode,
    dials: stats.dials,
    answered: stats.answered,
    connected: stats.connected,
    abandoned: stats.abandoned,
    agentHours,
    talkMinutesPerAgentHour: agentHours > 0 ? stats.talkMs / 60_000 / agentHours : 0,
    occupancy: stats.signedInMs > 0 ? (stats.talkMs + stats.wrapMs) / stats.signedInMs : 0,
    windows: [...windows.entries()].sort((a, b) => a[0] - b[0]).map(([index, w]) => ({ index, ...w, rate: w.answered ? w.abandoned / w.answered : 0 })),
    minNoAnswerRingMs: Number.isFinite(stats.minNoAnswer) ? stats.minNoAnswer : null,
    maxConnectWaitMs: stats.maxWait,
    ratioSamples,
    timeline,
    pacer,
  };
}
