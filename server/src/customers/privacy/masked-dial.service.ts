// Dialling a number the caller sees masked. The console names the number by reference (the
// customer, the number's place in their list, and the masked form it showed); the server
// checks that the caller may see the customer, finds the number and hands the caller's phone
// a one-time dial token for it (cti/dial-tokens.ts), which the switch resolves. The digits
// stay on the server. Every issued token is in the audit log, against the customer.
import type { MaskedDial, Phone } from '../../../../contract/index.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { RequestContext } from '../../identity/request-context.js';
import { DomainError } from '../../platform/domain-error.js';
import { msg } from '../../platform/i18n/message.js';
import { maskPhoneText } from './rules/phone-mask.js';

export interface MaskedDialDeps {
  audit: AuditRepository;
  /** The customer room's visibility check (a refusal is audited there). */
  assertCanSee(ctx: RequestContext, customerId: number): Promise<void>;
  /** The customer's numbers in the order every customer read shows them. */
  phonesOf(customerId: number): Promise<Phone[]>;
  tokens: { issue(userId: number, e164: string): string; readonly ttlSeconds: number };
}

export class MaskedDialService {
  constructor(private readonly d: MaskedDialDeps) {}

  async dial(ctx: RequestContext, customerId: number, index: number, shown: string): Promise<MaskedDial> {
    await this.d.assertCanSee(ctx, customerId);
    const phone = (await this.d.phonesOf(customerId))[index];
    if (!phone) throw new DomainError('NOT_FOUND', msg('privacy.noSuchNumber'));
    const shownAs = maskPhoneText(phone.e164);
    // The console may show the number masked or whole (a role that is not masked).
    if (shown !== shownAs && shown !== phone.e164) throw new DomainError('CONFLICT', msg('privacy.dialNumberChanged'));
    const target = this.d.tokens.issue(ctx.viewer.id, phone.e164);
    await this.d.audit.write({
      userId: ctx.viewer.id,
      action: 'customer.phone.dial',
      entity: 'customer',
      entityId: customerId,
      outcome: 'allowed',
      ip: ctx.ip,
      requestId: ctx.requestId,
      detail: { phoneIndex: index },
    });
    return { target, shownAs, expiresInSeconds: this.d.tokens.ttlSeconds };
  }
}
