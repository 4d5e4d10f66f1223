// Preview dialing: an assigned agent takes the next lead (the first the one eligibility rule
// allows, in the campaign's order, that no other agent holds), sees it with its attempts, dials
// it from the desk's phone or skips it, then records the outcome: the lead's status, its next
// try, and for a do-not-call request a global do-not-call entry, in force at once everywhere.
import type { Campaign, LeadDisposition, LeadSkip, PreviewLead } from '../../../contract/index.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import type { Db } from '../platform/db/database.js';
import { DomainError, fieldError, forbidden, invalid, notFound } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { CampaignService } from './campaign.service.js';
import type { DncRepository } from './data/dnc.repository.js';
import type { LeadWorkRepository } from './data/lead-work.repository.js';
import type { DryRunService, Evaluated } from './dry-run.service.js';
import { localTimeOf } from './rules/calling-window.js';
import { canWorkCampaign } from './rules/campaign-access.js';
import { leadComparator } from './rules/lead-order.js';
import { statusAfter } from './rules/lead-status.js';
import { nextTryAfter } from './rules/retry-delay.js';

/** How long a lead stays on an agent's desk without an outcome before others may take it. */
export const RESERVATION_MS = 15 * 60_000;
/** A call made for the lead is looked for this far back. */
const CALL_LOOKBACK_MS = 3 * 3_600_000;

export interface PreviewDeps {
  db: Db;
  campaigns: CampaignService;
  dryRun: DryRunService;
  leads: LeadWorkRepository;
  dnc: DncRepository;
  audit: AuditRepository;
  now(): number;
}

export class PreviewService {
  constructor(private readonly d: PreviewDeps) {}

  private async workable(ctx: RequestContext, campaignId: number): Promise<Campaign> {
    const c = await this.d.campaigns.visible(ctx.viewer, campaignId);
    if (!canWorkCampaign(ctx.viewer, c)) throw forbidden();
    if (c.status !== 'running') throw new DomainError('CONFLICT', msg('campaign.notRunning'));
    return c;
  }

  /** The lead on the agent's desk (kept until its outcome), else the next one; null when none may be called now. */
  async next(ctx: RequestContext, campaignId: number): Promise<PreviewLead | null> {
    const c = await this.workable(ctx, campaignId);
    const now = this.d.now();
    const agentId = ctx.viewer.id;
    const held = await this.d.leads.heldBy(c.id, agentId, new Date(now));
    if (held !== null) {
      for await (const page of this.d.dryRun.evaluate(c, now, [held])) if (page[0]) return this.view(c, page[0]);
    }
    const others = await this.d.leads.heldByOthers(c.id, agentId, new Date(now));
    const order = leadComparator(c.rules.order, now);
    const candidates: Evaluated[] = [];
    for await (const page of this.d.dryRun.evaluate(c, now)) for (const e of page) if (e.reason === null && !others.has(e.row.id)) candidates.push(e);
    candidates.sort((a, b) => order(a.row, b.row));
    for (const e of candidates) {
      // Another agent may take the same lead between the read and here: the reservation decides.
      if (await this.d.leads.reserve(e.row.id, agentId, new Date(now), new Date(now + RESERVATION_MS))) return this.view(c, e);
    }
    return null;
  }

  private async view(c: Campaign, e: Evaluated): Promise<PreviewLead> {
    return {
      campaignId: c.id,
      campaignName: c.name,
      lead: {
        leadId: e.row.id,
        customerId: e.row.customerId,
        phone: e.row.phone,
        name: e.row.name,
        status: e.row.status,
        attempts: e.row.attempts,
        timeZone: e.timeZones.join(', '),
        localTime: localTimeOf(e.timeZones[0]!, new Date(this.d.now())),
      },
      valueTier: e.row.valueTier,
      attempts: await this.d.leads.attempts(e.row.id),
    };
  }

  private async heldLead(ctx: RequestContext, campaignId: number, leadId: number) {
    const c = await this.d.campaigns.visible(ctx.viewer, campaignId);
    if (!canWorkCampaign(ctx.viewer, c)) throw forbidden();
    const lead = await this.d.leads.get(leadId);
    if (!lead || lead.campaignId !== c.id) throw notFound('Lead');
    if (lead.reservedBy !== ctx.viewer.id) throw new DomainError('CONFLICT', msg('campaign.leadNotReserved'));
    return { c, lead };
  }

  /** Puts the lead back without a call; it waits the short (busy) delay before it comes round again. */
  async skip(ctx: RequestContext, campaignId: number, leadId: number, s: LeadSkip): Promise<void> {
    const { c, lead } = await this.heldLead(ctx, campaignId, leadId);
    await this.d.db.transaction(async (trx) => {
      await this.d.leads.release(lead.id, ctx.viewer.id, new Date(this.d.now() + c.rules.retryMinutes.busy * 60_000), trx);
      await this.d.audit.write({ userId: ctx.viewer.id, action: 'campaign.lead.skip', entity: 'campaign', entityId: c.id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail: { leadId: lead.id, reason: s.reason } }, trx);
    });
  }

  async disposition(ctx: RequestContext, campaignId: number, leadId: number, input: LeadDisposition): Promise<void> {
    const { c, lead } = await this.heldLead(ctx, campaignId, leadId);
    if (input.outcome === 'callback' && !input.callbackAt) throw invalid([fieldError('callbackAt', 'campaign.callbackNeedsTime')]);
    const now = this.d.now();
    const at = new Date(now);
    const callbackMs = input.callbackAt ? Date.parse(input.callbackAt) : null;
    const next = nextTryAfter(c.rules, input.outcome, now, callbackMs);
    const status = statusAfter(lead.status, input.outcome);
    await this.d.db.transaction(async (trx) => {
      const interactionId = await this.d.leads.callOf(ctx.viewer.id, lead.phone, new Date(now - CALL_LOOKBACK_MS), input.interactionId ?? null, trx);
      await this.d.leads.recordOutcome(
        {
          lead,
          agentId: ctx.viewer.id,
          outcome: input.outcome,
          at,
          status,
          retryAt: next.retryAt === null ? null : new Date(next.retryAt),
          callbackAt: next.callbackAt === null ? null : new Date(next.callbackAt),
          callbackAgentId: next.callbackAt === null ? null : ctx.viewer.id,
          interactionId,
        },
        trx,
      );
      // "Don't call me again" stops every campaign at once: the global list.
      if (input.outcome === 'dnc_request') await this.d.dnc.add({ number: lead.phone, campaignId: null, source: 'call', note: null, addedBy: ctx.viewer.id }, trx);
      await this.d.audit.write(
        { userId: ctx.viewer.id, action: 'campaign.lead.outcome', entity: 'campaign', entityId: c.id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail: { leadId: lead.id, outcome: input.outcome, from: lead.status, to: status, interactionId } },
        trx,
      );
    });
  }
}
