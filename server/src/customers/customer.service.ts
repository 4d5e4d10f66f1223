import type { CountryCode } from 'libphonenumber-js';
import type {
  Customer360,
  CustomerCreateParsed,
  CustomerList,
  CustomerPatch,
  FieldError,
  InteractionPage,
  PhoneInput,
  ScreenPop,
} from '../../../contract/index.js';
import { canEditCustomers, canReassignOwner, canSeeCases, canSeeCustomer, NO_RELATION } from './rules/access-policy.js';
import { DomainError, fieldError, forbidden, invalid, notFound } from '../platform/domain-error.js';
import { normalizePhone } from '../platform/phone-number.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { CaseRepository } from '../cases/data/case.repository.js';
import type { CustomerRepository, NormalizedPhone } from './data/customer.repository.js';
import type { HistoryCursor, InteractionRepository } from '../cti/data/interaction.repository.js';
import type { UserRepository } from '../identity/data/user.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { historyAsSeenBy } from './rules/history-redaction.js';
import { msg } from '../platform/i18n/message.js';
import { maskCustomer, maskInteraction, maskSummary } from './privacy/phone-masking.js';

/** Whether a viewer sees phone numbers masked (privacy/phone-masking.ts); none are by default. */
export interface PhoneMaskingPort {
  masksFor(viewer: RequestContext['viewer']): Promise<boolean>;
}
const NO_MASKING: PhoneMaskingPort = { masksFor: async () => false };

export const HISTORY_PAGE = 50;

/** The server acting on its own behalf (call routing), never a signed-in person. */
const SYSTEM_VIEWER = { id: 0, role: 'admin', teamId: null } as const;

export function encodeCursor(c: HistoryCursor): string {
  return Buffer.from(`${c.startedAt.toISOString()}|${c.id}`).toString('base64url');
}

export function decodeCursor(s: string): HistoryCursor {
  const [at, id] = Buffer.from(s, 'base64url').toString('utf8').split('|');
  const startedAt = new Date(at ?? '');
  const n = Number(id);
  if (Number.isNaN(startedAt.getTime()) || !Number.isSafeInteger(n) || n <= 0) {
    throw invalid([fieldError('before', 'request.badCursor')]);
  }
  return { startedAt, id: n };
}

export class CustomerService {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly interactions: InteractionRepository,
    private readonly cases: CaseRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditRepository,
    private readonly defaultRegion: CountryCode,
    private readonly masking: PhoneMaskingPort = NO_MASKING,
  ) {}

  normalize(raw: string): string | null {
    return normalizePhone(raw, this.defaultRegion);
  }

  /** Caller look-up: any written form of a number finds the same customers, most recent contact first. */
  async findByPhone(ctx: RequestContext, raw: string, limit: number): Promise<CustomerList> {
    const e164 = this.normalize(raw);
    if (!e164) throw invalid([fieldError('phone', 'phone.invalid')]);
    const items = await this.customers.findByPhone(e164, ctx.viewer, limit);
    await this.auditBulk(ctx, 'customer.lookup', items.length, e164);
    const masked = await this.masking.masksFor(ctx.viewer);
    return { items: masked ? items.map(maskSummary) : items, normalizedPhone: masked ? null : e164 };
  }

  /**
   * The screen-pop: normalise the caller id, find its customers, and load the first one's
   * latest interactions and open cases. A number nobody has is an empty pop, not an error.
   * This is the hot path of call set-up, so it is one statement. No audit write: the pop is
   * the agent's own call; only reads that leave it are audited.
   */
  async screenPop(ctx: RequestContext, callerNumber: string, historySize = HISTORY_PAGE): Promise<ScreenPop> {
    const e164 = this.normalize(callerNumber);
    if (!e164) return { callerNumber, normalizedPhone: null, matches: [], primary: null };
    const { matches, primary } = await this.customers.screenPop({
      e164,
      viewer: ctx.viewer,
      matchLimit: 10,
      historySize,
      withOpenCases: canSeeCases(ctx.viewer),
    });
    return { callerNumber, normalizedPhone: e164, matches, primary };
  }

  /**
   * The pop that travels with a call offer. The offer itself is the agent's authority to see
   * the customers on the caller's number (the agent must pick the right one), so it is built
   * with the system's view rather than the agent's.
   */
  offerScreenPop(callerNumber: string): Promise<ScreenPop> {
    return this.screenPop({ viewer: SYSTEM_VIEWER, ip: null, requestId: null }, callerNumber);
  }

  /** The pop as one user sees it, on a call that no queue offered them (a direct call). */
  async screenPopAs(userId: number, callerNumber: string): Promise<ScreenPop> {
    const user = await this.users.findById(userId);
    if (!user) throw notFound('User');
    return this.screenPop({ viewer: { id: user.id, role: user.role, teamId: user.team_id }, ip: null, requestId: null }, callerNumber);
  }

  /** The offer's pop with the customer the agent chose (or created) as the primary one. */
  offerScreenPopFor(callerNumber: string, customerId: number): Promise<ScreenPop> {
    return this.screenPopChoosing({ viewer: SYSTEM_VIEWER, ip: null, requestId: null }, callerNumber, customerId);
  }

  /** A pop as `ctx` sees it, with the customer the agent chose (or created) as the primary one. */
  async screenPopChoosing(ctx: RequestContext, callerNumber: string, customerId: number): Promise<ScreenPop> {
    const base = await this.screenPop(ctx, callerNumber);
    const [customer, interactions, openCases] = await Promise.all([
      this.customers.getById(customerId),
      this.interactions.latestForCustomer(customerId, HISTORY_PAGE),
      this.cases.openForCustomer(customerId),
    ]);
    if (!customer) throw notFound('Customer');
    const matches = base.matches.some((m) => m.id === customerId) ? base.matches : [customer, ...base.matches];
    return { ...base, matches, primary: { customer, interactions, openCases } };
  }

  async search(ctx: RequestContext, q: string, limit: number): Promise<CustomerList> {
    const items = await this.customers.search(q, ctx.viewer, limit);
    await this.auditBulk(ctx, 'customer.search', items.length, q);
    return { items: (await this.masking.masksFor(ctx.viewer)) ? items.map(maskSummary) : items, normalizedPhone: null };
  }

  async get360(ctx: RequestContext, id: number): Promise<Customer360> {
    await this.assertCanSee(ctx, id);
    const [customer, interactions, cases] = await Promise.all([
      this.customers.getById(id),
      this.historyPage(ctx, id, HISTORY_PAGE),
      canSeeCases(ctx.viewer)
        ? Promise.all([this.cases.openForCustomer(id), this.cases.recentClosedForCustomer(id)])
        : Promise.resolve(null),
    ]);
    if (!customer) throw notFound('Customer');
    await this.audit.write({
      userId: ctx.viewer.id,
      action: 'customer.view',
      entity: 'customer',
      entityId: id,
      outcome: 'allowed',
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
    const masked = await this.masking.masksFor(ctx.viewer);
    return {
      customer: masked ? maskCustomer(customer) : customer,
      interactions: masked ? { ...interactions, items: interactions.items.map(maskInteraction) } : interactions,
      cases: cases ? { open: cases[0], recent: cases[1] } : null,
    };
  }

  async history(ctx: RequestContext, id: number, limit: number, before?: string): Promise<InteractionPage> {
    const cursor = before === undefined ? undefined : decodeCursor(before);
    await this.assertCanSee(ctx, id);
    const page = await this.historyPage(ctx, id, limit, cursor);
    return (await this.masking.masksFor(ctx.viewer)) ? { ...page, items: page.items.map(maskInteraction) } : page;
  }

  async create(ctx: RequestContext, body: CustomerCreateParsed) {
    if (!canEditCustomers(ctx.viewer)) throw await this.deny(ctx, 'customer.create');
    const phones = this.normalizePhones(body.phones);
    const ownerId = await this.chooseOwner(ctx, body.ownerId);
    const id = await this.customers.create(
      {
        name: body.name,
        email: body.email ?? null,
        company: body.company ?? null,
        region: body.region ?? null,
        address: body.address ?? null,
        tags: body.tags,
        valueTier: body.valueTier,
        ownerId,
        teamId: ctx.viewer.teamId,
      },
      phones,
    );
    await this.audit.write({
      userId: ctx.viewer.id,
      action: 'customer.create',
      entity: 'customer',
      entityId: id,
      outcome: 'allowed',
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
    return (await this.customers.getById(id))!;
  }

  async update(ctx: RequestContext, id: number, patch: CustomerPatch) {
    if (!canEditCustomers(ctx.viewer)) throw await this.deny(ctx, 'customer.update', id);
    await this.assertCanSee(ctx, id);
    const phones = patch.phones ? this.normalizePhones(patch.phones) : undefined;
    if (patch.ownerId !== undefined) {
      if (!canReassignOwner(ctx.viewer)) throw await this.deny(ctx, 'customer.reassign', id);
      await this.assertUserExists(patch.ownerId);
    }
    const { phones: _ignored, ...fields } = patch;
    await this.customers.update(id, fields, phones);
    await this.audit.write({
      userId: ctx.viewer.id,
      action: 'customer.update',
      entity: 'customer',
      entityId: id,
      outcome: 'allowed',
      ip: ctx.ip,
      requestId: ctx.requestId,
      detail: { fields: Object.keys(patch) },
    });
    return (await this.customers.getById(id))!;
  }

  /** 404 for a customer that does not exist, 403 (audited) for one the viewer may not see. */
  async assertCanSee(ctx: RequestContext, id: number): Promise<void> {
    if (!(await this.customers.exists(id))) throw await this.missing(ctx, 'Customer', 'customer.view', id);
    const rel = await this.customers.relation(id, ctx.viewer);
    if (!canSeeCustomer(ctx.viewer, rel)) throw await this.deny(ctx, 'customer.view', id);
  }

  /**
   * The answer for a record id that does not exist: the same refusal as for one the viewer may
   * not see, so ids cannot be probed; only a viewer who sees every record is told "not found".
   */
  async missing(ctx: RequestContext, what: 'Customer' | 'Case', action: string, id: number): Promise<DomainError> {
    if (canSeeCustomer(ctx.viewer, NO_RELATION)) return notFound(what);
    return this.deny(ctx, action, id, what === 'Case' ? 'case' : 'customer');
  }

  private async historyPage(ctx: RequestContext, id: number, limit: number, before?: HistoryCursor): Promise<InteractionPage> {
    // One extra row tells whether an older page exists without a count query.
    const rows = await this.interactions.latestForCustomer(id, limit + 1, before);
    const revealing = canSeeCases(ctx.viewer) ? new Set<string>() : await this.interactions.caseRevealingDispositions();
    const items = historyAsSeenBy(ctx.viewer, rows.slice(0, limit), revealing);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ startedAt: new Date(last.startedAt), id: last.id }) : null;
    return { items, nextCursor };
  }

  private normalizePhones(phones: PhoneInput[]): NormalizedPhone[] {
    const errors: FieldError[] = [];
    const out: NormalizedPhone[] = [];
    phones.forEach((p, i) => {
      const e164 = this.normalize(p.number);
      if (!e164) errors.push(fieldError(`phones.${i}.number`, 'phone.invalid'));
      else out.push({ e164, raw: p.number, label: p.label ?? null });
    });
    if (errors.length) throw invalid(errors);
    return out;
  }

  private async chooseOwner(ctx: RequestContext, requested: number | null | undefined): Promise<number | null> {
    if (requested === undefined) return ctx.viewer.role === 'agent' ? ctx.viewer.id : null;
    if (requested !== ctx.viewer.id && !canReassignOwner(ctx.viewer)) {
      throw await this.deny(ctx, 'customer.reassign');
    }
    if (requested !== null) await this.assertUserExists(requested);
    return requested;
  }

  private async assertUserExists(id: number | null) {
    if (id !== null && !(await this.users.findById(id))) {
      throw invalid([fieldError('ownerId', 'user.noSuchUser')]);
    }
  }

  /** A bulk read; what was searched for is kept as its keyed hash only (personal data). */
  private async auditBulk(ctx: RequestContext, action: string, rowCount: number, searched: string) {
    await this.audit.write({
      userId: ctx.viewer.id,
      action,
      entity: 'customer',
      outcome: 'allowed',
      rowCount,
      ip: ctx.ip,
      requestId: ctx.requestId,
      searched,
    });
  }

  private async deny(ctx: RequestContext, action: string, id?: number, entity: 'customer' | 'case' = 'customer'): Promise<DomainError> {
    await this.audit.write({
      userId: ctx.viewer.id,
      action,
      entity,
      ...(id === undefined ? {} : { entityId: id }),
      outcome: 'denied',
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
    return forbidden(msg('customer.forbidden')).markAudited();
  }
}
