// Do-not-call lists: the global one and each campaign's. An entry is in force the moment it is
// written: the dialing rules read the lists on every decision, nothing is cached.
import type { DncEntry, DncSource } from '../../../contract/index.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import type { Db } from '../platform/db/database.js';
import { fieldError, forbidden, invalid } from '../platform/domain-error.js';
import type { CampaignService } from './campaign.service.js';
import type { DncRepository } from './data/dnc.repository.js';
import { canAddDnc, canSeeCampaign } from './rules/campaign-access.js';

export interface DncDeps {
  db: Db;
  dnc: DncRepository;
  campaigns: CampaignService;
  audit: AuditRepository;
  normalize(raw: string): string | null;
  /** Masks a number for viewers whose role sees numbers masked. */
  maskFor(viewer: RequestContext['viewer']): Promise<(phone: string) => string>;
}

export class DncService {
  constructor(private readonly d: DncDeps) {}

  async add(ctx: RequestContext, input: { number: string; campaignId?: number | undefined; note?: string | undefined }, source: DncSource = 'manual'): Promise<DncEntry> {
    const number = this.d.normalize(input.number);
    if (!number) throw invalid([fieldError('number', 'phone.invalid')]);
    const campaign = input.campaignId === undefined ? null : await this.d.campaigns.visible(ctx.viewer, input.campaignId);
    if (!canAddDnc(ctx.viewer, campaign)) throw forbidden();
    return this.d.db.transaction(async (trx) => {
      const entry = await this.d.dnc.add({ number, campaignId: campaign?.id ?? null, source, note: input.note ?? null, addedBy: ctx.viewer.id }, trx);
      await this.d.audit.write(
        { userId: ctx.viewer.id, action: 'dnc.add', entity: campaign ? 'campaign' : 'dnc', entityId: campaign?.id ?? entry.id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail: { dncId: entry.id, source, global: campaign === null } },
        trx,
      );
      return entry;
    });
  }

  /** The global list for those who run campaigns or manage; a campaign's for those who see it. */
  async list(ctx: RequestContext, campaignId: number | null, limit: number): Promise<DncEntry[]> {
    if (campaignId !== null) {
      const c = await this.d.campaigns.visible(ctx.viewer, campaignId);
      if (!canSeeCampaign(ctx.viewer, c) || ctx.viewer.role === 'agent') throw forbidden();
    } else if (ctx.viewer.role === 'agent') {
      throw forbidden();
    }
    const mask = await this.d.maskFor(ctx.viewer);
    return (await this.d.dnc.list(campaignId, limit)).map((e) => ({ ...e, number: mask(e.number) }));
  }
}
