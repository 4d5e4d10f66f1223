// Not-ready reasons, set up by admins: added, reworded, reordered, retired and brought back.
// A reason's code never changes (agents' states and history keep it); retiring takes it off the
// desk from the next choice, and an agent already Not ready with it stays so.
import type { NotReadyReason, NotReadyReasonCreate, NotReadyReasonPatch } from '../../../contract/index.js';
import { SYSTEM_NOT_READY_REASONS, isSystemNotReadyReason } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { uniqueViolation } from '../platform/db/unique-violation.js';
import { DomainError, fieldError, invalid, notFound } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { NotReadyReasonRepository } from '../acd/data/not-ready-reason.repository.js';
import { changedFields } from './rules/changes.js';
import { auditedCodeFields, requireCodeEditor, requireCodeReader } from './rules/code-admin.js';

export class NotReadyReasonAdminService {
  private readonly reasons: NotReadyReasonRepository;

  constructor(private readonly d: { db: Db; audit: AuditRepository }) {
    this.reasons = new NotReadyReasonRepository(d.db);
  }

  async list(ctx: RequestContext): Promise<NotReadyReason[]> {
    requireCodeReader(ctx);
    return this.reasons.list();
  }

  async create(ctx: RequestContext, input: NotReadyReasonCreate): Promise<NotReadyReason> {
    requireCodeEditor(ctx);
    if (isSystemNotReadyReason(input.code)) {
      throw invalid([fieldError('code', 'notReady.systemCode', { codes: SYSTEM_NOT_READY_REASONS.join(', ') })]);
    }
    return this.saving(() =>
      this.d.db.transaction(async (trx) => {
        const sort = input.sort ?? (await this.reasons.nextSort(trx));
        const id = await this.reasons.insert(trx, { code: input.code, label: input.label, label_zh: input.labelZh, sort });
        const reason = (await this.reasons.find(id, trx))!;
        await this.write(ctx, 'admin.not_ready_reason.created', id, { after: { code: reason.code, ...auditedCodeFields(reason) } }, trx);
        return reason;
      }),
    );
  }

  async update(ctx: RequestContext, id: number, patch: NotReadyReasonPatch): Promise<NotReadyReason> {
    requireCodeEditor(ctx);
    return this.d.db.transaction(async (trx) => {
      const before = await this.reasons.find(id, trx);
      if (!before) throw notFound('Not-ready reason');
      const changed = await this.reasons.update(trx, id, patch.version, {
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.labelZh !== undefined ? { label_zh: patch.labelZh } : {}),
        ...(patch.sort !== undefined ? { sort: patch.sort } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      });
      if (!changed) throw new DomainError('CONFLICT', msg('notReady.changedMeanwhile'));
      const after = (await this.reasons.find(id, trx))!;
      const change = changedFields(auditedCodeFields(before), auditedCodeFields(after));
      if (change) await this.write(ctx, 'admin.not_ready_reason.updated', id, { code: after.code, ...change }, trx);
      return after;
    });
  }

  private async write(ctx: RequestContext, action: string, id: number, detail: Record<string, unknown>, trx: Db): Promise<void> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'not_ready_reason', entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail }, trx);
  }

  private async saving<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (uniqueViolation(err) === 'not_ready_reasons_code_unique') throw invalid([fieldError('code', 'notReady.codeTaken')]);
      throw err;
    }
  }
}
