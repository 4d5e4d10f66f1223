// Which roles see phone numbers masked, as an admin set it (default: marketers), and the one
// audited way to see a customer's numbers whole. The customer reads (search, look-up, the 360,
// the history) mask through masksFor(); the screen-pop and the agent desk do not, because the
// caller's number is already on the agent's phone and a call back needs the digits.
import {
  DEFAULT_PHONE_MASKING,
  PhoneMaskingPolicy,
  type Customer,
  type CustomerSummary,
  type Interaction,
  type PhoneMaskingSetting,
  type RevealedPhones,
  type ScreenPop,
} from '../../../../contract/index.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { RequestContext, Viewer } from '../../identity/request-context.js';
import type { Db } from '../../platform/db/database.js';
import type { SettingsRepository } from '../../platform/db/settings.repository.js';
import { DomainError, invalid } from '../../platform/domain-error.js';
import { msg } from '../../platform/i18n/message.js';
import { maskPhone, maskPhoneText, masksPhonesFor } from './rules/phone-mask.js';

export const PHONE_MASKING_KEY = 'phone_masking';

export interface PhoneMaskingDeps {
  db: Db;
  settings: SettingsRepository;
  audit: AuditRepository;
  /** The customer room's visibility check (403 audited, 404 for admins). */
  assertCanSee(ctx: RequestContext, customerId: number): Promise<void>;
  phonesOf(customerId: number): Promise<RevealedPhones['phones']>;
}

export class PhoneMasking {
  constructor(private readonly d: PhoneMaskingDeps) {}

  /** Read each time: one keyed row, and every server then follows a change at once. */
  async policy(): Promise<PhoneMaskingSetting> {
    const stored = await this.d.settings.get(PHONE_MASKING_KEY);
    if (!stored) return { value: DEFAULT_PHONE_MASKING, version: 0 };
    const parsed = PhoneMaskingPolicy.safeParse(stored.value);
    return { value: parsed.success ? parsed.data : DEFAULT_PHONE_MASKING, version: stored.version };
  }

  async masksFor(viewer: Viewer): Promise<boolean> {
    return masksPhonesFor((await this.policy()).value, viewer.role);
  }

  async save(ctx: RequestContext, value: PhoneMaskingPolicy, version: number): Promise<PhoneMaskingSetting> {
    const parsed = PhoneMaskingPolicy.safeParse(value);
    if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ field: `value.${i.path.join('.')}`, message: i.message })));
    const next = await this.d.db.transaction(async (trx) => {
      const saved = await this.d.settings.put(PHONE_MASKING_KEY, parsed.data, version, ctx.viewer.id, trx);
      if (saved === null) throw new DomainError('CONFLICT', msg('settings.changedMeanwhile'));
      await this.d.audit.write(
        { userId: ctx.viewer.id, action: 'settings.update', entity: 'settings', entityId: PHONE_MASKING_KEY, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail: { key: PHONE_MASKING_KEY, oldVersion: version, newVersion: saved, maskedRoles: parsed.data.maskedRoles } },
        trx,
      );
      return saved;
    });
    return { value: parsed.data, version: next };
  }

  /** A customer's numbers whole, for a viewer who may see the customer; always audited. */
  async reveal(ctx: RequestContext, customerId: number): Promise<RevealedPhones> {
    await this.d.assertCanSee(ctx, customerId);
    const phones = await this.d.phonesOf(customerId);
    await this.d.audit.write({ userId: ctx.viewer.id, action: 'customer.phones.reveal', entity: 'customer', entityId: customerId, outcome: 'allowed', rowCount: phones.length, ip: ctx.ip, requestId: ctx.requestId });
    return { phones };
  }
}

export function maskSummary<T extends CustomerSummary>(c: T): T {
  return { ...c, phones: c.phones.map(maskPhone) };
}

export function maskCustomer(c: Customer): Customer {
  return { ...maskSummary(c), phonesMasked: true };
}

export function maskInteraction(i: Interaction): Interaction {
  return i.callerNumber === null ? i : { ...i, callerNumber: maskPhoneText(i.callerNumber) };
}

/** A pop for someone who dialled the number without seeing it: every number in it masked. */
export function maskScreenPop(p: ScreenPop): ScreenPop {
  return {
    ...p,
    callerNumber: maskPhoneText(p.callerNumber),
    normalizedPhone: p.normalizedPhone === null ? null : maskPhoneText(p.normalizedPhone),
    matches: p.matches.map(maskSummary),
    primary: p.primary && { ...p.primary, customer: maskCustomer(p.primary.customer), interactions: p.primary.interactions.map(maskInteraction) },
  };
}
