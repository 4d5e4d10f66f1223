// Disposition codes, set up by admins: the shared codes and each queue's own, in English and
// 简体中文. A queue with active codes of its own offers those at wrap-up; otherwise the shared
// ones. A code never changes once calls may carry it; retiring takes it off wrap-up while call
// history and the 360 keep showing its words.
import type { AdminDisposition, AdminDispositionCreate, AdminDispositionList, AdminDispositionPatch } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { uniqueViolation } from '../platform/db/unique-violation.js';
import { DomainError, fieldError, invalid, notFound } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { DispositionRepository } from '../cti/data/disposition.repository.js';
import { changedFields } from './rules/changes.js';
import { auditedCodeFields, requireCodeEditor, requireCodeReader } from './rules/code-admin.js';

const audited = (c: AdminDisposition) => ({ ...auditedCodeFields(c), revealsCase: c.revealsCase });

export class DispositionAdminService {
  private readonly codes: DispositionRepository;

  constructor(private readonly d: { db: Db; audit: AuditRepository }) {
    this.codes = new DispositionRepository(d.db);
  }

  async list(ctx: RequestContext): Promise<AdminDispositionList> {
    requireCodeReader(ctx);
    const [items, queues] = await Promise.all([this.codes.list(), this.codes.queues()]);
    return { items, queues };
  }

  async create(ctx: RequestContext, input: AdminDispositionCreate): Promise<AdminDisposition> {
    requireCodeEditor(ctx);
    const queueId = input.queueId ?? null;
    return this.saving(() =>
      this.d.db.transaction(async (trx) => {
        if (queueId !== null && !(await trx('queues').where('id', queueId).first('id'))) {
          throw invalid([fieldError('queueId', 'disposition.noSuchQueue')]);
        }
        const sort = input.sort ?? (await this.codes.nextSort(trx, queueId));
        const id = await this.codes.insert(trx, {
          queue_id: queueId,
          code: input.code,
          label: input.label,
          label_zh: input.labelZh,
          sort,
          reveals_case: input.revealsCase ?? false,
        });
        const code = (await this.codes.find(id, trx))!;
        await this.write(ctx, 'admin.disposition.created', id, { after: { queueId, code: code.code, ...audited(code) } }, trx);
        return code;
      }),
    );
  }

  async update(ctx: RequestContext, id: number, patch: AdminDispositionPatch): Promise<AdminDisposition> {
    requireCodeEditor(ctx);
    return this.d.db.transaction(async (trx) => {
      const before = await this.codes.find(id, trx);
      if (!before) throw notFound('Disposition code');
      const changed = await this.codes.update(trx, id, patch.version, {
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.labelZh !== undefined ? { label_zh: patch.labelZh } : {}),
        ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.revealsCase !== undefined ? { reveals_case: patch.revealsCase } : {}),
      });
      if (!changed) throw new DomainError('CONFLICT', msg('disposition.changedMeanwhile'));
      const after = (await this.codes.find(id, trx))!;
      const change = changedFields(audited(before), audited(after));
      if (change) await this.write(ctx, 'admin.disposition.updated', id, { queueId: after.queueId, code: after.code, ...change }, trx);
      return after;
    });
  }

  private async write(ctx: RequestContext, action: string, id: number, detail: Record<string, unknown>, trx: Db): Promise<void> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'disposition_code', entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail }, trx);
  }

  private async saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (uniqueViolation(err) === 'disposition_codes_queue_code') throw invalid([fieldError('code', 'disposition.codeTaken')]);
      throw err;
    }
  }
}
