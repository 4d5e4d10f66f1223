// The segment builder: a live count of the customers matching the marketer's filters (and how
// many a list would leave out, and why), a sample of ten (a bulk view of personal data: audited),
// and saving the segment as a campaign's dial list. Marketers and admins; a list is saved only
// into a campaign the viewer runs, and built for its purpose (marketing needs consent).
import type { CampaignPurpose, SegmentCount, SegmentFilter, SegmentMember, SegmentQuery, SegmentSaveResult } from '../../../contract/index.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext, Viewer } from '../identity/request-context.js';
import { iso } from '../platform/db/row-mapping.js';
import { forbidden } from '../platform/domain-error.js';
import type { CampaignService } from './campaign.service.js';
import type { LeadImportRepository } from './data/lead-import.repository.js';
import type { SegmentRepository } from './data/segment.repository.js';
import { canBuildSegments } from './rules/campaign-access.js';
import { timeZonesOfNumber } from './rules/lead-time-zone.js';

export const SAMPLE_SIZE = 10;

export interface SegmentDeps {
  segments: SegmentRepository;
  imports: LeadImportRepository;
  campaigns: CampaignService;
  audit: AuditRepository;
  now(): number;
  /** The contact center's zone: a number's zones are derived from it as lead imports derive them. */
  centerZone: string;
  /** Masks a number for viewers whose role sees numbers masked. */
  maskFor(viewer: Viewer): Promise<(phone: string) => string>;
}

export class SegmentService {
  constructor(private readonly d: SegmentDeps) {}

  async count(ctx: RequestContext, q: SegmentQuery): Promise<SegmentCount> {
    if (!canBuildSegments(ctx.viewer)) throw forbidden();
    return this.d.segments.count(q.filter, this.d.now(), q.purpose, null);
  }

  async sample(ctx: RequestContext, q: SegmentQuery): Promise<SegmentMember[]> {
    if (!canBuildSegments(ctx.viewer)) throw forbidden();
    const mask = await this.d.maskFor(ctx.viewer);
    const rows = await this.d.segments.sample(q.filter, this.d.now(), q.purpose, SAMPLE_SIZE);
    await this.d.audit.write({
      userId: ctx.viewer.id,
      action: 'segment.sample',
      entity: 'segment',
      outcome: 'allowed',
      rowCount: rows.length,
      ip: ctx.ip,
      requestId: ctx.requestId,
      detail: { filter: q.filter, purpose: q.purpose, customerIds: rows.map((r) => r.customerId) },
    });
    return rows.map((r) => ({ ...r, phone: mask(r.phone), lastContactAt: iso(r.lastContactAt) }));
  }

  /** The segment's customers become leads of the campaign; audited with the filters and counts. */
  async saveToCampaign(ctx: RequestContext, campaignId: number, filter: SegmentFilter): Promise<SegmentSaveResult> {
    if (!canBuildSegments(ctx.viewer)) throw forbidden();
    const campaign = await this.d.campaigns.runnable(ctx.viewer, campaignId);
    const purpose: CampaignPurpose = campaign.purpose;
    const importId = await this.d.imports.start(campaign.id, ctx.viewer.id, 'segment', filter);
    try {
      const { count, imported } = await this.d.segments.saveAsLeads(filter, this.d.now(), purpose, campaign.id, importId, (e164) => timeZonesOfNumber(e164, this.d.centerZone));
      await this.d.imports.finish(importId, 'done', count.matched, imported, []);
      const result: SegmentSaveResult = { importId, matched: count.matched, imported, alreadyInCampaign: count.dialable - imported, excluded: count.excluded };
      await this.d.audit.write({
        userId: ctx.viewer.id,
        action: 'campaign.segment.save',
        entity: 'campaign',
        entityId: campaign.id,
        outcome: 'allowed',
        rowCount: imported,
        ip: ctx.ip,
        requestId: ctx.requestId,
        detail: { importId, filter, matched: count.matched, imported, alreadyInCampaign: result.alreadyInCampaign, excluded: count.excluded },
      });
      return result;
    } catch (err) {
      await this.d.imports.finish(importId, 'failed', 0, 0, []).catch(() => undefined);
      throw err;
    }
  }
}
