// Campaigns as marketers create and run them: their rules, their agents, start and pause.
// Every change is audited with the campaign.
import { CampaignRules, type Campaign, type CampaignCreate, type CampaignStatus, type CampaignUpdate } from '../../../contract/index.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext, Viewer } from '../identity/request-context.js';
import type { Db } from '../platform/db/database.js';
import { DomainError, fieldError, forbidden, invalid, notFound } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { CampaignPatch, CampaignRepository } from './data/campaign.repository.js';
import { canCreateCampaign, canRunCampaign, canSeeCampaign, canSteerCampaign } from './rules/campaign-access.js';

export interface CampaignDeps {
  db: Db;
  campaigns: CampaignRepository;
  audit: AuditRepository;
}

export class CampaignService {
  private readonly listeners: ((c: Campaign) => void)[] = [];

  constructor(private readonly d: CampaignDeps) {}

  /** Told of every campaign after a change (status, agents, rules): the dialers follow. */
  onChanged(listener: (c: Campaign) => void): void {
    this.listeners.push(listener);
  }

  private changed(c: Campaign): Campaign {
    for (const l of this.listeners) l(c);
    return c;
  }

  /** The campaign if the viewer may start, pause or stop it. */
  async steerable(viewer: Viewer, id: number): Promise<Campaign> {
    const c = await this.visible(viewer, id);
    if (!canSteerCampaign(viewer, c)) throw forbidden();
    return c;
  }

  /** The campaign if the viewer may see it; 404 when it does not exist, 403 when it is not theirs. */
  async visible(viewer: Viewer, id: number): Promise<Campaign> {
    const c = await this.d.campaigns.get(id);
    if (!c) throw notFound('Campaign');
    if (!canSeeCampaign(viewer, c)) throw forbidden();
    return c;
  }

  /** The campaign if the viewer may run it (change, import into, start, pause). */
  async runnable(viewer: Viewer, id: number): Promise<Campaign> {
    const c = await this.visible(viewer, id);
    if (!canRunCampaign(viewer, c)) throw forbidden();
    return c;
  }

  async create(ctx: RequestContext, input: CampaignCreate): Promise<Campaign> {
    if (!canCreateCampaign(ctx.viewer)) throw forbidden();
    const rules = input.rules ?? CampaignRules.parse({});
    const id = await this.d.db.transaction(async (trx) => {
      const id = await this.d.campaigns.create(ctx.viewer.id, input, rules, trx);
      await this.audit(ctx, 'campaign.create', id, { name: input.name, purpose: input.purpose, mode: input.mode }, trx);
      return id;
    });
    return (await this.d.campaigns.get(id))!;
  }

  /** Marketers see their own, supervisors and admins all, agents those they are assigned to. */
  async list(viewer: Viewer): Promise<Campaign[]> {
    switch (viewer.role) {
      case 'admin':
      case 'supervisor':
        return this.d.campaigns.list();
      case 'marketer':
        return this.d.campaigns.list({ ownerId: viewer.id });
      case 'agent':
        return this.d.campaigns.list({ agentId: viewer.id });
    }
  }

  /** Who may be assigned to a campaign, for those who create them. */
  async assignableAgents(viewer: Viewer): Promise<{ id: number; name: string }[]> {
    if (!canCreateCampaign(viewer)) throw forbidden();
    return this.d.campaigns.callTakerOptions();
  }

  async update(ctx: RequestContext, id: number, u: CampaignUpdate): Promise<Campaign> {
    await this.runnable(ctx.viewer, id);
    if (u.agentIds) {
      const ok = new Set(await this.d.campaigns.callTakers(u.agentIds));
      const bad = u.agentIds.filter((a) => !ok.has(a));
      if (bad.length) throw invalid([fieldError('agentIds', 'campaign.notCallTakers', { ids: bad.join(', ') })]);
    }
    const patch: CampaignPatch = {};
    if (u.name !== undefined) patch.name = u.name;
    if (u.mode !== undefined) patch.mode = u.mode;
    if (u.rules !== undefined) patch.rules = u.rules;
    await this.apply(ctx, id, u.version, patch, u.agentIds, 'campaign.update', { fields: Object.keys(u).filter((k) => k !== 'version') });
    return this.changed((await this.d.campaigns.get(id))!);
  }

  async start(ctx: RequestContext, id: number): Promise<Campaign> {
    const c = await this.steerable(ctx.viewer, id);
    if (c.status === 'running') return c;
    if (c.status === 'finished') throw new DomainError('CONFLICT', msg('campaign.cannotStart', { status: c.status }));
    return this.setStatus(ctx, c, 'running');
  }

  async pause(ctx: RequestContext, id: number): Promise<Campaign> {
    const c = await this.steerable(ctx.viewer, id);
    if (c.status === 'paused') return c;
    if (c.status !== 'running') throw new DomainError('CONFLICT', msg('campaign.cannotPause'));
    return this.setStatus(ctx, c, 'paused');
  }

  /** Ends the campaign for good: no more calls (those in flight finish). */
  async stop(ctx: RequestContext, id: number): Promise<Campaign> {
    const c = await this.steerable(ctx.viewer, id);
    if (c.status === 'finished') return c;
    return this.setStatus(ctx, c, 'finished');
  }

  private async setStatus(ctx: RequestContext, c: Campaign, status: CampaignStatus): Promise<Campaign> {
    const action = status === 'running' ? 'start' : status === 'paused' ? 'pause' : 'stop';
    await this.apply(ctx, c.id, c.version, { status }, undefined, `campaign.${action}`, { from: c.status });
    return this.changed((await this.d.campaigns.get(c.id))!);
  }

  private async apply(ctx: RequestContext, id: number, version: number, patch: CampaignPatch, agentIds: readonly number[] | undefined, action: string, detail: Record<string, unknown>): Promise<void> {
    await this.d.db.transaction(async (trx) => {
      if (!(await this.d.campaigns.update(id, version, patch, agentIds, trx))) throw new DomainError('CONFLICT', msg('campaign.changedMeanwhile'));
      await this.audit(ctx, action, id, detail, trx);
    });
  }

  private audit(ctx: RequestContext, action: string, id: number, detail: Record<string, unknown>, trx: Db) {
    return this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'campaign', entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail }, trx);
  }
}
