// The audit log as admins read it: a filtered page at a time, or all of it as CSV. Exporting
// the log is itself written to the log, before the first row leaves.
import type { AuditFilter, AuditPage } from '../../../contract/index.js';
import { forbidden } from '../platform/domain-error.js';
import { csvLine } from '../platform/csv.js';
import type { AuditRepository } from './data/audit.repository.js';
import type { AuditLogReader, AuditReadFilter, AuditRow } from './data/audit-log.reader.js';
import type { RequestContext } from './request-context.js';

const EXPORT_BATCH = 1000;

export const AUDIT_CSV_HEADER = [
  'id', 'at', 'user_id', 'username', 'action', 'entity', 'entity_id', 'outcome', 'row_count',
  'ip', 'request_id', 'detail', 'search_hash', 'prev_hash', 'hash',
] as const;

const csvRow = (r: AuditRow) =>
  csvLine([
    r.id, r.at, r.userId, r.username, r.action, r.entity, r.entityId, r.outcome, r.rowCount,
    r.ip, r.requestId, r.detail === null ? null : JSON.stringify(r.detail), r.searchHash, r.prevHash, r.hash,
  ]);

export interface AuditExport {
  /** How many entries the export holds (its progress is told against this). */
  rows: number;
  /** The CSV, header first, a batch of lines at a time. */
  chunks: AsyncIterable<string>;
}

export class AuditLogService {
  constructor(
    private readonly reader: AuditLogReader,
    private readonly audit: AuditRepository,
  ) {}

  async page(ctx: RequestContext, f: AuditFilter, limit: number, before?: string): Promise<AuditPage> {
    assertAdmin(ctx);
    // One extra row tells whether an older page exists.
    const rows = await this.reader.page(this.readFilter(f), limit + 1, before === undefined ? undefined : BigInt(before));
    const items = rows.slice(0, limit).map(({ prevHash: _p, hash: _h, ...view }) => view);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  /**
   * The filtered log as CSV, newest first, up to the entry that records this export (so the
   * export is one consistent snapshot and shows that it was taken).
   */
  async exportCsv(ctx: RequestContext, f: AuditFilter): Promise<AuditExport> {
    assertAdmin(ctx);
    const filter = this.readFilter(f);
    const { term, ...shown } = f;
    await this.audit.write({
      userId: ctx.viewer.id,
      action: 'audit.export',
      entity: 'audit_log',
      outcome: 'allowed',
      ip: ctx.ip,
      requestId: ctx.requestId,
      detail: { filter: shown, format: 'csv' },
      ...(term === undefined ? {} : { searched: term }),
    });
    const upTo = await this.reader.lastId();
    const rows = await this.reader.count(filter, upTo);
    const reader = this.reader;
    async function* chunks(): AsyncGenerator<string> {
      yield `\uFEFF${csvLine(AUDIT_CSV_HEADER)}`; // the BOM tells spreadsheets it is UTF-8 (Chinese names)
      let before: bigint | undefined;
      for (;;) {
        const batch = await reader.page(filter, EXPORT_BATCH, before, upTo);
        if (batch.length) yield batch.map(csvRow).join('');
        if (batch.length < EXPORT_BATCH) return;
        before = BigInt(batch[batch.length - 1]!.id);
      }
    }
    return { rows, chunks: chunks() };
  }

  private readFilter(f: AuditFilter): AuditReadFilter {
    return {
      ...(f.userId === undefined ? {} : { userId: f.userId }),
      ...(f.action === undefined ? {} : { action: f.action }),
      ...(f.entity === undefined ? {} : { entity: f.entity }),
      ...(f.entityId === undefined ? {} : { entityId: f.entityId }),
      ...(f.outcome === undefined ? {} : { outcome: f.outcome }),
      ...(f.from === undefined ? {} : { from: new Date(f.from) }),
      ...(f.to === undefined ? {} : { to: new Date(f.to) }),
      // The term is hashed as the log hashed it when the search was made.
      ...(f.term === undefined ? {} : { searchHash: this.audit.searchHash.hash(f.term) }),
    };
  }
}

/** Only admins read the audit log (the route says so too; this holds whoever calls). */
function assertAdmin(ctx: RequestContext): void {
  if (ctx.viewer.role !== 'admin') throw forbidden();
}
