// The numbers kefu answers (hotlines, DIDs), each with one destination: a queue, or an agent
// whose phone it rings directly. One of them is the default outbound caller id. Every change is
// audited with its before and after; routing reloads after it commits.
import type { AdminPhoneNumber, AdminPhoneNumberCreate, AdminPhoneNumberPatch, PhoneDestination } from '../../../contract/index.js';
import { roleTakesCalls, type Role } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { uniqueViolation } from '../platform/db/unique-violation.js';
import { DomainError, fieldError, forbidden, invalid, notFound } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { PhoneNumberRepository, type PhoneNumberColumns } from './data/phone-number.repository.js';
import { changedFields } from './rules/changes.js';
import { normaliseNumbers } from './rules/phone-numbers.js';
import type { RoutingEffects } from './queue-admin.service.js';

export interface PhoneNumberAdminDeps {
  db: Db;
  audit: AuditRepository;
  normalize(raw: string): string | null;
  effects: RoutingEffects;
}

const audited = (n: AdminPhoneNumber) => ({ number: n.number, label: n.label, destination: n.destination, defaultOutbound: n.defaultOutbound });

const destinationColumns = (d: PhoneDestination): PhoneNumberColumns =>
  d.kind === 'queue' ? { destination_kind: 'queue', queue_id: d.queueId, user_id: null } : { destination_kind: 'agent', user_id: d.userId, queue_id: null };

export class PhoneNumberAdminService {
  private readonly numbers: PhoneNumberRepository;

  constructor(private readonly d: PhoneNumberAdminDeps) {
    this.numbers = new PhoneNumberRepository(d.db);
  }

  private requireAdmin(ctx: RequestContext): void {
    if (ctx.viewer.role !== 'admin') throw forbidden(msg('admin.setupAdminsOnly'));
  }

  async list(ctx: RequestContext): Promise<AdminPhoneNumber[]> {
    this.requireAdmin(ctx);
    return this.numbers.list();
  }

  /** The default outbound caller id, if one is set (any signed-in caller may read it). */
  async defaultOutbound(): Promise<string | null> {
    return this.numbers.defaultOutbound();
  }

  async create(ctx: RequestContext, input: AdminPhoneNumberCreate): Promise<AdminPhoneNumber> {
    this.requireAdmin(ctx);
    const [e164] = normaliseNumbers([input.number], this.d.normalize, 'number').map((n) => n);
    const created = await this.saving(e164!, () =>
      this.d.db.transaction(async (trx) => {
        await this.checkDestination(trx, input.destination);
        if (input.defaultOutbound) await this.numbers.clearDefaultOutbound(trx, null);
        const id = await this.numbers.insert(trx, { e164: e164!, label: input.label ?? null, default_outbound: input.defaultOutbound ?? false, ...destinationColumns(input.destination) });
        const n = (await this.numbers.find(id, trx))!;
        await this.write(ctx, 'admin.phone-number.created', id, { after: audited(n) }, trx);
        return n;
      }),
    );
    await this.d.effects.routingChanged();
    return created;
  }

  async update(ctx: RequestContext, id: number, patch: AdminPhoneNumberPatch): Promise<AdminPhoneNumber> {
    this.requireAdmin(ctx);
    const after = await this.d.db.transaction(async (trx) => {
      const before = await this.numbers.find(id, trx);
      if (!before) throw notFound('Phone number');
      if (before.version !== patch.version) throw new DomainError('CONFLICT', msg('phoneNumber.changedMeanwhile'));
      if (patch.destination) await this.checkDestination(trx, patch.destination);
      if (patch.defaultOutbound) await this.numbers.clearDefaultOutbound(trx, id);
      const columns: PhoneNumberColumns = {
        ...(patch.label !== undefined ? { label: patch.label } : {}),
        ...(patch.defaultOutbound !== undefined ? { default_outbound: patch.defaultOutbound } : {}),
        ...(patch.destination ? destinationColumns(patch.destination) : {}),
      };
      if (!(await this.numbers.update(trx, id, patch.version, columns))) throw new DomainError('CONFLICT', msg('phoneNumber.changedMeanwhile'));
      const after = (await this.numbers.find(id, trx))!;
      const change = changedFields(audited(before), audited(after));
      if (change) await this.write(ctx, 'admin.phone-number.updated', id, change, trx);
      return after;
    });
    await this.d.effects.routingChanged();
    return after;
  }

  /** A number kefu no longer answers: callers to it hear "no such number" from then on. */
  async remove(ctx: RequestContext, id: number, version: number): Promise<void> {
    this.requireAdmin(ctx);
    await this.d.db.transaction(async (trx) => {
      const before = await this.numbers.find(id, trx);
      if (!before) throw notFound('Phone number');
      if (before.version !== version) throw new DomainError('CONFLICT', msg('phoneNumber.changedMeanwhile'));
      await this.numbers.remove(trx, id);
      await this.write(ctx, 'admin.phone-number.removed', id, { before: audited(before) }, trx);
    });
    await this.d.effects.routingChanged();
  }

  private async checkDestination(trx: Db, d: PhoneDestination): Promise<void> {
    if (d.kind === 'queue') {
      if (!(await trx('queues').where('id', d.queueId).first('id'))) throw invalid([fieldError('destination.queueId', 'queue.noSuchQueue')]);
      return;
    }
    const u = (await trx('users').where('id', d.userId).first('role', 'disabled')) as { role: Role; disabled: boolean } | undefined;
    if (!u || u.disabled || !roleTakesCalls(u.role)) throw invalid([fieldError('destination.userId', 'phoneNumber.agentTakesCalls')]);
  }

  private async write(ctx: RequestContext, action: string, id: number, detail: Record<string, unknown>, trx: Db): Promise<void> {
    await this.d.audit.write({ userId: ctx.viewer.id, action, entity: 'phone_number', entityId: id, outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail }, trx);
  }

  private async saving<T>(e164: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (uniqueViolation(err) === 'phone_numbers_e164_unique') {
        const holder = (await this.d.db('phone_numbers as p')
          .leftJoin('queues as q', 'q.id', 'p.queue_id')
          .leftJoin('users as u', 'u.id', 'p.user_id')
          .where('p.e164', e164)
          .first(this.d.db.raw('coalesce(q.display_name, u.display_name) as name'))) as { name: string } | undefined;
        throw invalid([fieldError('number', 'phoneNumber.taken', { number: e164, name: holder?.name ?? '?' })]);
      }
      throw err;
    }
  }
}
