// The progressive and predictive dialers of every running campaign: one CampaignDialer each,
// started when the campaign runs in one of those modes, stopped when it is paused, stopped or
// switched to preview. It hears every change on the floor (poke) and pushes each campaign's live
// figures to those watching it, coalesced.
import type { Campaign, CampaignLiveFigures } from '../../../../contract/index.js';
import type { Viewer } from '../../identity/request-context.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { CampaignService } from '../campaign.service.js';
import type { CampaignRepository } from '../data/campaign.repository.js';
import type { DialLogRepository } from '../data/dial-log.repository.js';
import { campaignPacing, samePacing } from './campaign-pacing.js';
import { CampaignDialer, capWindowStart, type CampaignDialerDeps, type DialingMode } from './campaign-dialer.js';

/** Figures pushes of one campaign are gathered for this long: a burst of calls makes one push. */
const PUSH_COALESCE_MS = 250;

export interface DialerServiceDeps extends Omit<CampaignDialerDeps, 'changed'> {
  campaigns: CampaignService;
  campaignRows: CampaignRepository;
  /** Pushes a campaign's figures to its watchers. */
  publish(figures: CampaignLiveFigures): void;
}

const dialingMode = (c: Campaign): DialingMode | null => (c.status === 'running' && (c.mode === 'progressive' || c.mode === 'predictive') ? c.mode : null);

export class DialerService {
  private readonly dialers = new Map<number, CampaignDialer>();
  /** Stopped dialers whose calls are still finishing: their figures still move. */
  private readonly draining = new Set<CampaignDialer>();
  private readonly pushTimers = new Map<number, unknown>();
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly d: DialerServiceDeps) {
    d.campaigns.onChanged((c) => this.follow(c));
  }

  /** Starts the dialers of the campaigns running now (server start); calls a last run left open are closed. */
  async start(): Promise<void> {
    await this.d.dials.closeOpen(new Date(this.d.clock.now()));
    for (const c of await this.d.campaignRows.list()) await this.follow(c);
  }

  /** A campaign changed (status, mode, agents, rules): its dialer follows. */
  follow(c: Campaign): Promise<void> {
    this.syncing = this.syncing.then(() => this.apply(c)).catch((err: unknown) => this.d.log.error({ err, campaignId: c.id }, 'campaign dialer not updated'));
    return this.syncing;
  }

  private async apply(c: Campaign): Promise<void> {
    if (this.closed) return;
    const mode = dialingMode(c);
    const current = this.dialers.get(c.id);
    // A new cap or ring time: a fresh pacer (the cap window's count is restored from the log).
    if (current && current.mode === mode && samePacing(current.campaign, c)) {
      current.update(c);
      return;
    }
    if (current) {
      current.stop();
      this.dialers.delete(c.id);
      this.draining.add(current);
    }
    if (mode !== null) {
      const settings = campaignPacing(c, mode);
      const counts = await this.d.dials.counts(c.id, new Date(capWindowStart(c, settings.capWindow, this.d.clock.now())));
      // The cap window's calls so far, so a restart (or a pause) keeps the cap's count.
      const restored = { answered: counts.windowAnswered, abandoned: counts.windowAbandoned };
      const dialer = new CampaignDialer(c, mode, { ...this.d, changed: (id) => this.changed(id) }, restored);
      this.dialers.set(c.id, dialer);
      dialer.start();
    }
    this.changed(c.id);
  }

  /** An agent's state or phone changed: every dialer looks at its floor again. */
  poke(): void {
    for (const dialer of this.dialers.values()) dialer.step();
    for (const dialer of this.draining) {
      if (dialer.inFlight === 0) this.draining.delete(dialer);
      else dialer.step();
    }
  }

  /** The campaign's live figures, for a viewer who may see it. */
  async figuresFor(viewer: Viewer, campaignId: number): Promise<CampaignLiveFigures> {
    const c = await this.d.campaigns.visible(viewer, campaignId);
    return this.figures(c);
  }

  private async figures(c: Campaign): Promise<CampaignLiveFigures> {
    const now = this.d.clock.now();
    const dialer = this.dialers.get(c.id);
    const running = dialer !== undefined;
    const settings = dialer?.pacer.settings ?? campaignPacing(c, 'predictive');
    const [counts, remaining] = await Promise.all([
      this.d.dials.counts(c.id, new Date(capWindowStart(c, settings.capWindow, now))),
      this.d.dials.remainingLeads(c.id, c.rules.maxAttempts),
    ]);
    const floor = this.floorOf(c);
    const decision = dialer?.lastDecision ?? null;
    return {
      campaignId: c.id,
      at: new Date(now).toISOString(),
      dialling: running,
      workingAs: decision?.workingAs ?? dialer?.mode ?? null,
      dialRatio: decision?.dialRatio ?? (running ? 1 : 0),
      attempts: counts.attempts,
      inFlight: counts.inFlight,
      reached: counts.answered,
      connected: counts.connected,
      abandoned: counts.abandoned,
      abandonRate: counts.windowAnswered === 0 ? 0 : counts.windowAbandoned / counts.windowAnswered,
      abandonCap: settings.abandonCap,
      capWindow: settings.capWindow,
      remainingLeads: remaining,
      agentsOnCampaign: c.agentIds.length,
      agentsReady: floor,
    };
  }

  private floorOf(c: Campaign): number {
    return c.agentIds.filter((id) => this.d.floor.stateOf(id) === 'free').length;
  }

  /** Something counted changed: one push of the figures shortly, however many changes come. */
  private changed(campaignId: number): void {
    if (this.closed || this.pushTimers.has(campaignId)) return;
    this.pushTimers.set(
      campaignId,
      this.d.clock.setTimeout(() => {
        this.pushTimers.delete(campaignId);
        void this.push(campaignId);
      }, PUSH_COALESCE_MS),
    );
  }

  private async push(campaignId: number): Promise<void> {
    try {
      // After the writes so far: the figures count what has happened.
      await this.settled();
      const c = await this.d.campaignRows.get(campaignId);
      if (c && !this.closed) this.d.publish(await this.figures(c));
    } catch (err) {
      this.d.log.error({ err, campaignId }, 'campaign figures not pushed');
    }
  }

  /** The idle signal: every dialer's writes so far are done. */
  async settled(): Promise<void> {
    await this.syncing;
    await Promise.all([...this.dialers.values(), ...this.draining].map((x) => x.settled()));
  }

  dialerOf(campaignId: number): CampaignDialer | undefined {
    return this.dialers.get(campaignId);
  }

  close(): void {
    this.closed = true;
    for (const dialer of this.dialers.values()) dialer.stop();
    for (const t of this.pushTimers.values()) this.d.clock.clearTimeout(t);
    this.pushTimers.clear();
  }
}
