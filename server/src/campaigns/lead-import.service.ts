// Importing leads from a CSV file as it arrives: each row checked (rules/import-row.ts), numbers
// met before in the file rejected as duplicates, the rest streamed into the database with COPY
// (data/lead-import.repository.ts). Nothing is dropped silently: every row read is imported or
// rejected with its reason, and the rejections are kept for download. Audited with its counts.
import type { CountryCode } from 'libphonenumber-js';
import type { LeadImportQuery, LeadImportResult, LeadImportView, RejectedRow } from '../../../contract/index.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { CsvLimitError, readCsv } from '../platform/csv-reader.js';
import { DomainError, fieldError, invalid, notFound } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { CampaignService } from './campaign.service.js';
import { copyText, copyTextArray } from './data/copy-text.js';
import type { LeadImportRepository } from './data/lead-import.repository.js';
import { checkImportRow, columnMapOf } from './rules/import-row.js';

export const MAX_IMPORT_MB = 512;
const PROGRESS_EVERY_ROWS = 20_000;

export interface LeadImportDeps {
  imports: LeadImportRepository;
  campaigns: CampaignService;
  audit: AuditRepository;
  region: CountryCode;
  centerZone: string;
}

/** Counts bytes as they pass and stops a body past the limit. */
async function* limited(source: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<Buffer | string> {
  let n = 0;
  for await (const chunk of source) {
    n += chunk.length;
    if (n > maxBytes) throw new DomainError('PAYLOAD_TOO_LARGE', msg('campaign.fileTooLarge', { mb: MAX_IMPORT_MB }));
    yield chunk;
  }
}

export class LeadImportService {
  constructor(private readonly d: LeadImportDeps) {}

  async import(ctx: RequestContext, campaignId: number, q: LeadImportQuery, body: AsyncIterable<Buffer | string>): Promise<LeadImportResult> {
    const campaign = await this.d.campaigns.runnable(ctx.viewer, campaignId);
    const records = readCsv(limited(body, MAX_IMPORT_MB * 1024 * 1024))[Symbol.asyncIterator]();
    const unreadable = (err: unknown): never => {
      if (err instanceof CsvLimitError) throw new DomainError('VALIDATION', msg('campaign.csvUnreadable', { detail: err.message }));
      throw err;
    };
    const header = await records.next().catch(unreadable);
    const names = { phone: q.phone ?? 'phone', name: q.name ?? 'name', priority: q.priority ?? 'priority', score: q.score ?? 'score', timezone: q.timezone ?? 'timezone' };
    const cols = header.done ? null : columnMapOf(header.value, names);
    if (!cols) throw invalid([fieldError('phone', 'campaign.noPhoneColumn', { column: names.phone })]);

    const importId = await this.d.imports.start(campaign.id, ctx.viewer.id);
    const rejected: RejectedRow[] = [];
    const firstRowOf = new Map<string, number>();
    let rowsRead = 0;
    const { region, centerZone } = this.d;
    const imports = this.d.imports;
    async function* lines(): AsyncGenerator<string> {
      let batch = '';
      for (;;) {
        const next = await records.next().catch(unreadable);
        if (next.done) break;
        const row = ++rowsRead;
        const checked = checkImportRow(next.value, cols!, region, centerZone);
        if (!checked.ok) {
          rejected.push({ row, reason: checked.reason, detail: checked.detail });
        } else {
          const l = checked.lead;
          const first = firstRowOf.get(l.e164);
          if (first !== undefined) rejected.push({ row, reason: 'duplicate_in_file', detail: `row ${first}` });
          else {
            firstRowOf.set(l.e164, row);
            batch += `${row}\t${l.e164}\t${copyText(l.name)}\t${l.priority}\t${l.score}\t${copyTextArray(l.timeZones)}\n`;
          }
        }
        if (batch.length > 256 * 1024) {
          yield batch;
          batch = '';
        }
        if (row % PROGRESS_EVERY_ROWS === 0) await imports.progress(importId, row);
      }
      if (batch) yield batch;
    }

    try {
      const loaded = await this.d.imports.load(campaign.id, importId, lines(), q.existing === 'merge');
      const all = [...rejected, ...loaded.rejected].sort((a, b) => a.row - b.row);
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
      await this.d.imports.finish(importId, 'failed', rowsRead, 0, []).catch(() => undefined);
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
