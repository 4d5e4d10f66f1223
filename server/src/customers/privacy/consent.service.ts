// Consent per customer and purpose: shown and recorded on the customer page, read by outbound
// campaigns through consentState(). A record is in force from the moment it is saved.
import type { ConsentCreate, ConsentPurpose, ConsentState, CustomerConsents } from '../../../../contract/index.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { RequestContext } from '../../identity/request-context.js';
import type { Db } from '../../platform/db/database.js';
import type { ConsentRepository } from './data/consent.repository.js';
import { consentStates } from './rules/consent-state.js';

export interface ConsentDeps {
  db: Db;
  consents: ConsentRepository;
  audit: AuditRepository;
  assertCanSee(ctx: RequestContext, customerId: number): Promise<void>;
  now(): Date;
}

export class ConsentService {
  constructor(private readonly d: ConsentDeps) {}

  async list(ctx: RequestContext, customerId: number): Promise<CustomerConsents> {
    await this.d.assertCanSee(ctx, customerId);
    const history = await this.d.consents.list(customerId);
    return { current: consentStates(history), history };
  }

  /** Records a decision (the route admits only the roles that talk to customers); audited with it. */
  async record(ctx: RequestContext, customerId: number, c: ConsentCreate): Promise<CustomerConsents> {
    await this.d.assertCanSee(ctx, customerId);
    await this.d.db.transaction(async (trx) => {
      const id = await this.d.consents.add(customerId, c, ctx.viewer.id, this.d.now(), trx);
      await this.d.audit.write(
        { userId: ctx.viewer.id, action: 'consent.record', entity: 'customer', entityId: customerId, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail: { consentId: id, purpose: c.purpose, decision: c.decision, channel: c.channel } },
        trx,
      );
    });
    return this.list(ctx, customerId);
  }

  /**
   * Where one purpose stands for a customer now, for the server's own use (a campaign deciding
   * whether it may call): read from the database each time, so a withdrawal just recorded on a
   * call is already in force.
   */
  async consentState(customerId: number, purpose: ConsentPurpose): Promise<ConsentState> {
    const latest = await this.d.consents.latest(customerId, purpose);
    return consentStates(latest ? [latest] : []).find((s) => s.purpose === purpose)!;
  }
}
