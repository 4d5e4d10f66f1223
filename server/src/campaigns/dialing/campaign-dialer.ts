// The dialer of one running progressive or predictive campaign. On every change on its floor
// (an agent's state, a call's progress) and every few seconds, it asks the pacer how many calls
// to place, takes that many leads the one eligibility rule allows (in the campaign's order, none
// already in flight), and has the switch ring them. An answered lead is connected to the campaign's
// agent idle longest; with none free within the pacer's connect window, the call is abandoned.
// Every attempt is logged: the dial (campaign_dials), and for calls no agent talked on, the
// lead's attempt with its retry (an agent's disposition records the others).
import type { Campaign } from '../../../../contract/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { OutboundCallListener, OutboundDialing, UnansweredOutcome } from '../../switch/originate/outbound-ports.js';
import { campaignPacing } from './campaign-pacing.js';
import { createPacer, type FloorState, type Pacer, type PacingDecision } from '../pacing/pacer.js';
import { CAP_WINDOW_MS, type CapWindow } from '../pacing/pacing-settings.js';
import type { DialLogRepository, DialOutcome } from '../data/dial-log.repository.js';
import type { DryRunService } from '../dry-run.service.js';
import type { LeadDialRow } from '../data/dial-facts.repository.js';
import { leadComparator } from '../rules/lead-order.js';
import type { AgentFloor } from './dialing-ports.js';
import type { LeadAttempts } from './lead-attempts.js';

export type DialingMode = 'progressive' | 'predictive';

/** How long a list that had no lead to dial now waits before it is read again (retries come due). */
const NOTHING_TO_DIAL_PAUSE_MS = 30_000;

export interface CampaignDialerDeps {
  outbound(): OutboundDialing | null;
  floor: AgentFloor;
  dials: DialLogRepository;
  attempts: LeadAttempts;
  dryRun: DryRunService;
  clock: Clock;
  log: Logger;
  /** The number leads' phones show, asked at each call (an admin may change it meanwhile). */
  callerId(): string;
  /** Something the figures count changed. */
  changed(campaignId: number): void;
}

/** One call this dialer placed. */
interface Dial {
  callId: string | null;
  lead: LeadDialRow;
  placedAt: number;
  answeredAt: number | null;
  agentId: number | null;
  connectedAt: number | null;
  /** Waiting for a free agent after the answer: the connect window's timer. */
  waitTimer: unknown;
  /** The switch said the call is over. */
  over: boolean;
  /** This dial's writes, in order (the row is inserted before it is updated). */
  writes: Promise<void>;
}

export class CampaignDialer {
  readonly pacer: Pacer;
  private readonly dials = new Set<Dial>();
  private readonly leadsInFlight = new Set<number>();
  /** Answered leads waiting for an agent, oldest first. */
  private readonly waiting: Dial[] = [];
  /** Agents talking on (or wrapping up) a call of this campaign, since its connect: the handle time. */
  private readonly handling = new Map<number, number>();
  /** Agents claimed for an answered lead, their phone about to ring. */
  private readonly claimed = new Set<number>();
  /** Writes not yet done, for the idle signal. */
  private readonly writing = new Set<Promise<void>>();
  private stepping = false;
  private again = false;
  private stopped = false;
  private ticker: unknown = null;
  lastDecision: PacingDecision | null = null;
  /** Until when the list is not read again: it had no lead to dial (see place()). */
  private nothingUntil = 0;

  /** The campaign changed (agents, rules, a new list): its leads are read afresh. */
  update(c: Campaign): void {
    this.campaign = c;
    this.nothingUntil = 0;
    this.step();
  }

  constructor(
    public campaign: Campaign,
    readonly mode: DialingMode,
    private readonly d: CampaignDialerDeps,
    restored?: { answered: number; abandoned: number },
  ) {
    const now = d.clock.now();
    this.pacer = createPacer(campaignPacing(campaign, mode), Date.parse(campaign.createdAt), restored ? { now, ...restored } : undefined);
  }

  get running(): boolean {
    return !this.stopped;
  }

  get inFlight(): number {
    return this.dials.size;
  }

  /** Starts the periodic recompute and places the first calls. */
  start(): void {
    const tick = (): void => {
      if (this.stopped) return;
      this.step();
      this.ticker = this.d.clock.setTimeout(tick, this.pacer.settings.recomputeSeconds * 1000);
    };
    tick();
  }

  /** No new calls; calls in flight finish (an answered lead still reaches an agent). */
  stop(): void {
    this.stopped = true;
    this.d.clock.clearTimeout(this.ticker);
  }

  /** Something changed on the floor: connect waiting leads, then place what the pacer asks. */
  step(): void {
    const now = this.d.clock.now();
    for (const [agentId, since] of this.handling) {
      if (this.d.floor.stateOf(agentId) === 'busy') continue;
      this.handling.delete(agentId);
      this.pacer.observe({ type: 'handled', at: now, handleMs: now - since });
    }
    while (this.waiting.length > 0 && this.connect(this.waiting[0]!)) this.waiting.shift();
    if (this.stopped) return;
    if (this.stepping) {
      this.again = true;
      return;
    }
    this.stepping = true;
    this.place()
      .catch((err: unknown) => this.d.log.error({ err, campaignId: this.campaign.id }, 'placing campaign calls failed'))
      .finally(() => {
        this.stepping = false;
        if (this.again) {
          this.again = false;
          this.step();
        }
      });
  }

  floorState(now: number): FloorState {
    let ready = 0;
    let busy = 0;
    for (const id of this.campaign.agentIds) {
      const s = this.claimed.has(id) ? 'busy' : this.d.floor.stateOf(id);
      if (s === 'free') ready += 1;
      else if (s === 'busy') busy += 1;
    }
    // An answered lead waiting for an agent takes the next free one.
    return { now, agentsReady: Math.max(0, ready - this.waiting.length), agentsBusy: busy };
  }

  private async place(): Promise<void> {
    const now = this.d.clock.now();
    const decision = this.pacer.callsToPlace(this.floorState(now));
    this.lastDecision = decision;
    // A list with nothing to dial now is read again after a while, not on every agent's move.
    if (decision.place <= 0 || now < this.nothingUntil) return;
    const leads = await this.nextLeads(decision.place, now);
    if (leads.length === 0) this.nothingUntil = now + NOTHING_TO_DIAL_PAUSE_MS;
    const outbound = this.d.outbound();
    if (!outbound) return;
    for (const lead of leads) {
      // Stopped, or the floor changed while the leads were read: ask again.
      if (this.stopped) return;
      this.dial(outbound, lead);
    }
  }

  private async nextLeads(count: number, now: number): Promise<LeadDialRow[]> {
    const order = leadComparator(this.campaign.rules.order, now);
    const eligible: LeadDialRow[] = [];
    for await (const page of this.d.dryRun.evaluate(this.campaign, now)) {
      for (const e of page) if (e.reason === null && !this.leadsInFlight.has(e.row.id)) eligible.push({ ...e.row, timeZones: e.timeZones });
    }
    return eligible.sort(order).slice(0, count);
  }

  private dial(outbound: OutboundDialing, lead: LeadDialRow): void {
    const now = this.d.clock.now();
    const dial: Dial = { callId: null, lead, placedAt: now, answeredAt: null, agentId: null, connectedAt: null, waitTimer: null, over: false, writes: Promise.resolve() };
    const callId = outbound.originate({
      number: lead.phone,
      callerId: this.d.callerId(),
      displayName: this.campaign.name,
      ringTimeoutMs: this.pacer.ringTimeoutMs(),
      listener: this.listenerFor(dial),
    });
    if (callId === null) {
      // No phone answers to that number now: an attempt without an answer, retried later.
      this.leadsInFlight.add(lead.id);
      this.write(dial, () => this.d.attempts.unanswered(this.campaign, lead, 'no_answer', new Date(now)));
      void dial.writes.finally(() => this.leadsInFlight.delete(lead.id));
      return;
    }
    dial.callId = callId;
    this.dials.add(dial);
    this.leadsInFlight.add(lead.id);
    this.pacer.observe({ type: 'dialed', callId, at: now });
    this.write(dial, () => this.d.dials.placed({ campaignId: this.campaign.id, leadId: lead.id, callId, mode: this.mode, at: new Date(now) }));
    this.d.changed(this.campaign.id);
  }

  private listenerFor(dial: Dial): OutboundCallListener {
    return {
      answered: (callId) => this.answered(dial, callId),
      unanswered: (callId, outcome) => this.unanswered(dial, callId, outcome),
      connected: (callId) => this.connected(dial, callId),
      ended: (callId, by) => this.ended(dial, callId, by),
    };
  }

  private answered(dial: Dial, callId: string): void {
    const now = this.d.clock.now();
    dial.callId ??= callId;
    dial.answeredAt = now;
    this.pacer.observe({ type: 'answered', callId, at: now });
    this.write(dial, () => this.d.dials.answered(callId, new Date(now)));
    if (this.connect(dial)) return;
    // No agent free now: one may be within the connect window (a wrap-up ending), else abandoned.
    this.waiting.push(dial);
    dial.waitTimer = this.d.clock.setTimeout(() => this.abandon(dial, 'no agent available'), this.pacer.connectWithinMs());
    this.step();
  }

  /**
   * Claims the free campaign agent idle longest for the answered lead, holds the lead for them,
   * then rings their phone; false when no agent is free. The lead is held first so the pop their
   * desk reads as the phone rings may show the lead's customer (a lead on the desk grants it).
   */
  private connect(dial: Dial): boolean {
    const agentId = this.campaign.agentIds
      .filter((id) => !this.claimed.has(id) && this.d.floor.stateOf(id) === 'free')
      .sort((a, b) => this.d.floor.idleSince(a) - this.d.floor.idleSince(b))[0];
    if (agentId === undefined || dial.callId === null) return false;
    const callId = dial.callId;
    this.claimed.add(agentId);
    this.d.clock.clearTimeout(dial.waitTimer);
    const at = new Date(this.d.clock.now());
    this.write(dial, () => this.d.attempts.holdFor(dial.lead.id, agentId, at));
    void dial.writes.then(() => {
      this.claimed.delete(agentId);
      if (dial.over) return;
      // The ACD may have given the agent a call meanwhile: another free agent, or none.
      if (this.d.floor.stateOf(agentId) !== 'free') {
        if (!this.connect(dial)) this.d.outbound()?.abandon(callId, 'no agent available');
        return;
      }
      if (!this.d.outbound()?.connect(callId, agentId)) return this.d.outbound()?.abandon(callId, 'agent unavailable');
      dial.agentId = agentId;
      this.pacer.observe({ type: 'connected', callId, at: this.d.clock.now() });
      this.write(dial, () => this.d.dials.assigned(callId, agentId));
      this.d.changed(this.campaign.id);
    });
    return true;
  }

  private abandon(dial: Dial, reason: string): void {
    const at = this.waiting.indexOf(dial);
    if (at < 0 || dial.callId === null) return;
    this.waiting.splice(at, 1);
    this.d.outbound()?.abandon(dial.callId, reason);
  }

  private unanswered(dial: Dial, callId: string, outcome: UnansweredOutcome): void {
    const now = this.d.clock.now();
    this.pacer.observe({ type: 'unanswered', callId, at: now, outcome });
    this.settle(dial, outcome, null, now);
    this.write(dial, () => this.d.attempts.unanswered(this.campaign, dial.lead, outcome === 'busy' ? 'busy' : 'no_answer', new Date(now)));
  }

  private connected(dial: Dial, callId: string): void {
    const now = this.d.clock.now();
    dial.connectedAt = now;
    if (dial.agentId !== null) this.handling.set(dial.agentId, now);
    this.write(dial, () => this.d.dials.connected(callId, new Date(now)));
    this.d.changed(this.campaign.id);
  }

  private ended(dial: Dial, callId: string, by: 'lead' | 'agent' | 'system'): void {
    const now = this.d.clock.now();
    const i = this.waiting.indexOf(dial);
    if (i >= 0) this.waiting.splice(i, 1);
    this.d.clock.clearTimeout(dial.waitTimer);
    if (dial.connectedAt !== null) return this.settle(dial, null, null, now);
    // Answered, and nobody talked to the lead: an abandoned call, whoever hung up.
    const reason = dial.agentId === null ? (by === 'lead' ? 'lead hung up waiting' : 'no agent available') : 'agent did not answer';
    this.pacer.observe({ type: 'abandoned', callId, at: now });
    this.settle(dial, 'abandoned', reason, now);
    this.write(dial, () => this.d.attempts.abandoned(this.campaign, dial.lead, dial.agentId, new Date(now)));
  }

  private settle(dial: Dial, outcome: DialOutcome | null, reason: string | null, now: number): void {
    dial.over = true;
    this.dials.delete(dial);
    const callId = dial.callId!;
    this.write(dial, () => this.d.dials.ended(callId, new Date(now), outcome, reason));
    void dial.writes.finally(() => this.leadsInFlight.delete(dial.lead.id));
    this.d.changed(this.campaign.id);
    this.step();
  }

  private write(dial: Dial, job: () => Promise<void>): void {
    const p = dial.writes.then(job).catch((err: unknown) => this.d.log.error({ err, campaignId: this.campaign.id }, 'campaign dial not logged'));
    dial.writes = p;
    this.writing.add(p);
    void p.finally(() => this.writing.delete(p));
  }

  /** The idle signal: resolves once every write of the calls so far is done, and no placing runs. */
  async settled(): Promise<void> {
    while (this.writing.size > 0 || this.stepping) {
      await Promise.all([...this.writing]);
      if (this.stepping) await new Promise((r) => setImmediate(r));
    }
  }

}

/** Where the cap window in force began: windows are counted from the campaign's creation (pacing-settings.ts). */
export function capWindowStart(c: Campaign, window: CapWindow, now: number): number {
  const created = Date.parse(c.createdAt);
  const w = CAP_WINDOW_MS[window];
  return created + Math.max(0, Math.floor((now - created) / w)) * w;
}
