// Importing purchases from a CSV file, through the lead import's path (csv-import-stream.ts):
// read as it arrives, the marketer's column names, every row imported or rejected with its
// reason, progress kept on the import, the rejections kept for download. Marketers and admins;
// audited with its counts.
import type { CountryCode } from 'libphonenumber-js';
import type { PurchaseImportQuery, PurchaseImportResult, PurchaseRejectedRow, PurchaseRejection } from '../../../contract/index.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { copyText } from './data/copy-text.js';
import { fieldError, forbidden, invalid, notFound } from '../platform/domain-error.js';
import { CsvImportStream } from './csv-import-stream.js';
import type { LeadImportRepository } from './data/lead-import.repository.js';
import type { PurchaseImportRepository } from './data/purchase-import.repository.js';
import { canBuildSegments } from './rules/campaign-access.js';
import { checkPurchaseRow, purchaseColumnsOf } from './rules/purchase-row.js';

export interface PurchaseImportDeps {
  imports: LeadImportRepository;
  purchases: PurchaseImportRepository;
  audit: AuditRepository;
  region: CountryCode;
  centerZone: string;
}

export interface PurchaseImportView {
  id: number;
  status: 'running' | 'done' | 'failed';
  rowsRead: number;
  imported: number;
  rejected: number;
  startedAt: string;
  finishedAt: string | null;
}

export class PurchaseImportService {
  constructor(private readonly d: PurchaseImportDeps) {}

  async import(ctx: RequestContext, q: PurchaseImportQuery, body: AsyncIterable<Buffer | string>): Promise<PurchaseImportResult> {
    if (!canBuildSegments(ctx.viewer)) throw forbidden();
    const file = await CsvImportStream.open<PurchaseRejection>(body);
    const names = {
      customer: q.customer ?? 'customer',
      phone: q.phone ?? 'phone',
      date: q.date ?? 'date',
      amount: q.amount ?? 'amount',
      currency: q.currency ?? 'currency',
      product: q.product ?? 'product',
      category: q.category ?? 'category',
      order: q.order ?? 'order',
    };
    const cols = purchaseColumnsOf(file.header ?? [], names);
    if ('missing' in cols) throw invalid([fieldError(cols.missing, 'purchase.columnMissing', { column: cols.missing === 'customer' ? `${names.customer}' / '${names.phone}` : names[cols.missing] })]);

    const importId = await this.d.imports.start(null, ctx.viewer.id, 'purchases');
    const { region, centerZone } = this.d;
    const lines = file.lines(
      (cells, row) => {
        const c = checkPurchaseRow(cells, cols, region, centerZone);
        if (!c.ok) return c;
        const p = c.purchase;
        const line = [row, p.customerId ?? '\\N', copyText(p.e164), p.purchasedAt.toISOString(), p.amount, copyText(p.currency), copyText(p.product), copyText(p.category), copyText(p.orderRef)].join('\t');
        return { ok: true, key: p.orderRef, line: `${line}\n` };
      },
      'duplicate_order',
      (rowsRead) => this.d.imports.progress(importId, rowsRead),
    );
    try {
      const loaded = await this.d.purchases.load(importId, lines);
      const all = [...file.rejected, ...loaded.rejected].sort((a, b) => a.row - b.row);
      await this.d.imports.finish(importId, 'done', file.rowsRead, loaded.imported, all);
      await this.d.audit.write({
        userId: ctx.viewer.id,
        action: 'purchases.import',
        entity: 'purchase_import',
        entityId: importId,
        outcome: 'allowed',
        rowCount: loaded.imported,
        ip: ctx.ip,
        requestId: ctx.requestId,
        detail: { rowsRead: file.rowsRead, imported: loaded.imported, rejected: all.length },
      });
      return { importId, rowsRead: file.rowsRead, imported: loaded.imported, rejected: all };
    } catch (err) {
      await this.d.imports.finish(importId, 'failed', file.rowsRead, 0, []).catch(() => undefined);
      throw err;
    }
  }

  /** A purchases import as it stands (rows read so far while it runs). */
  async get(ctx: RequestContext, importId: number): Promise<PurchaseImportView> {
    if (!canBuildSegments(ctx.viewer)) throw forbidden();
    const v = await this.d.imports.get(importId, 'purchases');
    if (!v) throw notFound('Import');
    const { campaignId: _none, ...view } = v;
    return view;
  }

  /** The rejected rows, for download; audited (rows of a file a person sent leave the server). */
  async rejections(ctx: RequestContext, importId: number): Promise<PurchaseRejectedRow[]> {
    await this.get(ctx, importId);
    const rows = (await this.d.imports.rejections(importId)) as unknown as PurchaseRejectedRow[];
    await this.d.audit.write({ userId: ctx.viewer.id, action: 'purchases.import.rejections.export', entity: 'purchase_import', entityId: importId, outcome: 'allowed', rowCount: rows.length, ip: ctx.ip, requestId: ctx.requestId });
    return rows;
  }
}
