// Importing leads from a CSV file as it arrives (csv-import-stream.ts, the path purchases take
// too): each row checked (rules/import-row.ts), numbers met before in the file rejected as
// duplicates, the rest streamed into the database with COPY
// (data/lead-import.repository.ts). Nothing is dropped silently: every row read is imported or
// rejected with its reason, and the rejections are kept for download. Audited with its counts.
import type { CountryCode } from 'libphonenumber-js';
import type { ImportRejection, LeadImportQuery, LeadImportResult, LeadImportView, RejectedRow } from '../../../contract/index.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { fieldError, invalid, notFound } from '../platform/domain-error.js';
import { CsvImportStream } from './csv-import-stream.js';
import type { CampaignService } from './campaign.service.js';
import { copyText, copyTextArray } from './data/copy-text.js';
import type { LeadImportRepository } from './data/lead-import.repository.js';
import { checkImportRow, columnMapOf } from './rules/import-row.js';

export interface LeadImportDeps {
  imports: LeadImportRepository;
  campaigns: CampaignService;
  audit: AuditRepository;
  region: CountryCode;
  centerZone: string;
}

export class LeadImportService {
  constructor(private readonly d: LeadImportDeps) {}

  async import(ctx: RequestContext, campaignId: number, q: LeadImportQuery, body: AsyncIterable<Buffer | string>): Promise<LeadImportResult> {
    const campaign = await this.d.campaigns.runnable(ctx.viewer, campaignId);
    const file = await CsvImportStream.open<ImportRejection>(body);
    const names = { phone: q.phone ?? 'phone', name: q.name ?? 'name', priority: q.priority ?? 'priority', score: q.score ?? 'score', timezone: q.timezone ?? 'timezone' };
    const cols = file.header ? columnMapOf(file.header, names) : null;
    if (!cols) throw invalid([fieldError('phone', 'campaign.noPhoneColumn', { column: names.phone })]);

    const importId = await this.d.imports.start(campaign.id, ctx.viewer.id);
    const { region, centerZone } = this.d;
    const lines = file.lines(
      (cells, row) => {
        const checked = checkImportRow(cells, cols, region, centerZone);
        if (!checked.ok) return checked;
        const l = checked.lead;
        return { ok: true, key: l.e164, line: `${row}\t${l.e164}\t${copyText(l.name)}\t${l.priority}\t${l.score}\t${copyTextArray(l.timeZones)}\n` };
      },
      'duplicate_in_file',
      (rowsRead) => this.d.imports.progress(importId, rowsRead),
    );

    try {
      const loaded = await this.d.imports.load(campaign.id, importId, lines, q.existing === 'merge');
      const all = [...file.rejected, ...loaded.rejected].sort((a, b) => a.row - b.row);
      const rowsRead = file.rowsRead;
      await this.d.imports.finish(importId, 'done', rowsRead, loaded.imported, all);
      await this.d.audit.write({
        userId: ctx.viewer.id,
        action: 'campaign.import',
        entity: 'campaign',
        entityId: campaign.id,
        outcome: 'allowed',
        rowCount: loaded.imported,
        ip: ctx.ip,
        requestId: ctx.requestId,
        detail: { importId, rowsRead, imported: loaded.imported, rejected: all.length, customersCreated: loaded.customersCreated, existing: q.existing },
      });
      return { importId, rowsRead, imported: loaded.imported, customersCreated: loaded.customersCreated, rejected: all };
    } catch (err) {
      await this.d.imports.finish(importId, 'failed', file.rowsRead, 0, []).catch(() => undefined);
      throw err;
    }
  }

  async list(ctx: RequestContext, campaignId: number): Promise<LeadImportView[]> {
    await this.d.campaigns.runnable(ctx.viewer, campaignId);
    return this.d.imports.list(campaignId);
  }

  async get(ctx: RequestContext, campaignId: number, importId: number): Promise<LeadImportView> {
    await this.d.campaigns.runnable(ctx.viewer, campaignId);
    const v = await this.d.imports.get(importId);
    if (!v || v.campaignId !== campaignId) throw notFound('Import');
    return v;
  }

  /** The rejected rows, for download; audited (rows of a file a person sent leave the server). */
  async rejections(ctx: RequestContext, campaignId: number, importId: number): Promise<RejectedRow[]> {
    await this.get(ctx, campaignId, importId);
    const rows = await this.d.imports.rejections(importId);
    await this.d.audit.write({ userId: ctx.viewer.id, action: 'campaign.import.rejections.export', entity: 'campaign', entityId: campaignId, outcome: 'allowed', rowCount: rows.length, ip: ctx.ip, requestId: ctx.requestId, detail: { importId } });
    return rows;
  }
}
