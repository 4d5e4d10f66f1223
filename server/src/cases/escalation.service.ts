// The escalations list of supervisors (and admins): what the SLA sweep sent them.
import { roleSupervises, type EscalationAcknowledged, type EscalationList, type EscalationListQuery, type EscalationView } from '../../../contract/index.js';
import { DomainError, forbidden, notFound } from '../platform/domain-error.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { EscalationRepository } from './data/escalation.repository.js';
import type { Clock } from '../platform/clock.js';
import { decodeEscalationCursor, escalationCursorAfter } from './escalation-cursor.js';
import type { RequestContext } from '../identity/request-context.js';
import { msg, type Message } from '../platform/i18n/message.js';

export type EscalationAcknowledgedListener = (fact: EscalationAcknowledged) => void;

export class EscalationService {
  readonly #acknowledgedListeners = new Set<EscalationAcknowledgedListener>();

  constructor(
    private readonly escalations: EscalationRepository,
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Hears every acknowledgement that changed something; the realtime layer forwards it to the
   * people concerned. Answers the function that stops listening.
   */
  onAcknowledged(listener: EscalationAcknowledgedListener): () => void {
    this.#acknowledgedListeners.add(listener);
    return () => this.#acknowledgedListeners.delete(listener);
  }

  async listFor(ctx: RequestContext, query: EscalationListQuery): Promise<EscalationList> {
    if (!receivesEscalations(ctx)) throw await this.deny(ctx, 'escalation.list', msg('escalation.supervisorsOnly'));
    const after = query.cursor === undefined ? undefined : decodeEscalationCursor(query.cursor);
    // One extra row tells whether another page exists without a count query.
    const [rows, unread] = await Promise.all([
      this.escalations.pageFor(ctx.viewer.id, query.limit + 1, after),
      this.escalations.unreadCount(ctx.viewer.id),
    ]);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? escalationCursorAfter(last) : null, unread };
  }

  /**
   * "I've seen it": the escalation leaves the unread part of its recipient's list. Only the
   * recipient may say so, or an admin, who answers for everyone's escalations (and gets those
   * whose recipient's account is gone).
   */
  async acknowledge(ctx: RequestContext, id: number): Promise<EscalationView> {
    if (!receivesEscalations(ctx)) throw await this.deny(ctx, 'escalation.acknowledge', msg('escalation.supervisorsOnly'), id);
    const target = await this.escalations.recipientOf(id);
    if (!target) throw notFound('Escalation');
    if (target.toUserId !== ctx.viewer.id && ctx.viewer.role !== 'admin') {
      throw await this.deny(ctx, 'escalation.acknowledge', msg('escalation.notYours'), id);
    }
    const done = await this.escalations.acknowledge(id, ctx.viewer.id, new Date(this.clock.now()));
    const view = await this.escalations.view(id);
    if (!view) throw notFound('Escalation'); // its case was deleted meanwhile
    if (done) {
      const fact: EscalationAcknowledged = { id, recipientId: done.recipientId, acknowledgedAt: done.at.toISOString(), acknowledgedBy: done.by };
      for (const listener of this.#acknowledgedListeners) listener(fact);
    }
    return view;
  }

  private async deny(ctx: RequestContext, action: string, message: Message, id?: number): Promise<DomainError> {
    await this.audit.write({
      userId: ctx.viewer.id,
      action,
      entity: 'escalation',
      ...(id === undefined ? {} : { entityId: id }),
      outcome: 'denied',
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
    return forbidden(message).markAudited();
  }
}

function receivesEscalations(ctx: RequestContext): boolean {
  return roleSupervises(ctx.viewer.role);
}
