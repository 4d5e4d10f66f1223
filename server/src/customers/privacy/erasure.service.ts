// Erasure on request: the customer is anonymised unless a legal hold (an open complaint, a
// dispute) stands, which is answered 409 naming the cases. The audit entry records who, when and
// how much, never the values erased.
import type { ErasureResult } from '../../../../contract/index.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { RequestContext } from '../../identity/request-context.js';
import { DomainError } from '../../platform/domain-error.js';
import { msg } from '../../platform/i18n/message.js';
import type { KeyedHash } from '../../platform/keyed-hash.js';
import type { ErasureRepository } from './data/erasure.repository.js';
import { phoneToken } from './rules/redaction.js';

export interface ErasureDeps {
  erasures: ErasureRepository;
  audit: AuditRepository;
  hash: KeyedHash;
  assertCanSee(ctx: RequestContext, customerId: number): Promise<void>;
  now(): Date;
}

export class ErasureService {
  constructor(private readonly d: ErasureDeps) {}

  async erase(ctx: RequestContext, customerId: number): Promise<ErasureResult> {
    await this.d.assertCanSee(ctx, customerId);
    const at = this.d.now();
    const entry = { userId: ctx.viewer.id, action: 'customer.erase', entity: 'customer', entityId: customerId, ip: ctx.ip, requestId: ctx.requestId } as const;
    const out = await this.d.erasures.erase(customerId, at, (n) => phoneToken(this.d.hash(`phone:${n}`)), (trx, counts) =>
      this.d.audit.write({ ...entry, outcome: 'allowed', detail: { counts } }, trx),
    );
    if ('held' in out) {
      const cases = out.held.map((h) => h.caseNumber).join(', ');
      await this.d.audit.write({ ...entry, outcome: 'denied', detail: { reason: 'legal_hold', holds: out.held } });
      const key = out.held.some((h) => h.kind === 'dispute') ? 'erasure.heldByDispute' : 'erasure.heldByComplaint';
      throw new DomainError('CONFLICT', msg(key, { cases })).markAudited();
    }
    return { customerId, erasedAt: at.toISOString(), counts: out.counts };
  }
}
