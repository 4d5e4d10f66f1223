// Access and portability: everything kefu holds about a customer, as JSON or as a zip of CSVs.
// Supervisors (for the customers they see) and admins answer these requests; every export is
// audited with its format.
import type { CustomerExport } from '../../../../contract/index.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { RequestContext } from '../../identity/request-context.js';
import { toCsv } from '../../platform/csv.js';
import { notFound } from '../../platform/domain-error.js';
import { zip } from '../../platform/zip.js';
import type { ConsentRepository } from './data/consent.repository.js';
import type { CustomerExportRepository } from './data/customer-export.repository.js';

export interface ExportDeps {
  exports: CustomerExportRepository;
  consents: ConsentRepository;
  audit: AuditRepository;
  assertCanSee(ctx: RequestContext, customerId: number): Promise<void>;
  now(): Date;
}

export class CustomerExportService {
  constructor(private readonly d: ExportDeps) {}

  async json(ctx: RequestContext, customerId: number): Promise<CustomerExport> {
    return this.read(ctx, customerId, 'json');
  }

  /** A zip of one CSV per part: profile, phones, consents, interactions, cases, case notes. */
  async csvZip(ctx: RequestContext, customerId: number): Promise<Buffer> {
    const e = await this.read(ctx, customerId, 'csv');
    const csv = (name: string, rows: Record<string, unknown>[], columns?: string[]) => ({
      name: `${name}.csv`,
      // A byte-order mark, so spreadsheets read the UTF-8 (Chinese names) as UTF-8.
      data: Buffer.from('\ufeff' + toCsv(columns ?? Object.keys(rows[0] ?? {}), rows), 'utf8'),
    });
    return zip([
      csv('profile', [{ ...e.profile, tags: e.profile.tags.join('; '), exportedAt: e.exportedAt }]),
      csv('phones', e.phones, ['e164', 'raw', 'label']),
      csv('consents', e.consents, ['id', 'purpose', 'decision', 'channel', 'at', 'recordedById', 'recordedByName']),
      csv('interactions', e.interactions, ['id', 'kind', 'direction', 'callerNumber', 'agentName', 'startedAt', 'endedAt', 'talkSeconds', 'endReason', 'disposition', 'notes', 'csatScore']),
      csv('cases', e.cases, ['id', 'number', 'kind', 'status', 'subject', 'description', 'resolution', 'createdAt', 'closedAt']),
      csv('case_notes', e.caseNotes, ['caseId', 'at', 'type', 'text']),
    ]);
  }

  private async read(ctx: RequestContext, customerId: number, format: 'json' | 'csv'): Promise<CustomerExport> {
    await this.d.assertCanSee(ctx, customerId);
    const [data, consents] = await Promise.all([this.d.exports.read(customerId), this.d.consents.list(customerId)]);
    if (!data) throw notFound('Customer');
    await this.d.audit.write({ userId: ctx.viewer.id, action: 'customer.export', entity: 'customer', entityId: customerId, outcome: 'allowed', rowCount: data.interactions.length + data.cases.length, ip: ctx.ip, requestId: ctx.requestId, detail: { format } });
    return { exportedAt: this.d.now().toISOString(), ...data, consents };
  }
}
