// The escalations list of supervisors (and admins): what the SLA sweep sent them.
import type { EscalationList, EscalationView } from '../../contract/index.js';
import { forbidden, notFound } from '../domain/domain-error.js';
import type { EscalationRepository } from '../repositories/escalation.repository.js';
import type { Clock } from '../telephony/clock.js';
import type { RequestContext } from './request-context.js';

export class EscalationService {
  constructor(
    private readonly escalations: EscalationRepository,
    private readonly clock: Clock,
  ) {}

  async listFor(ctx: RequestContext): Promise<EscalationList> {
    if (ctx.viewer.role !== 'supervisor' && ctx.viewer.role !== 'admin') throw forbidden('Escalations go to supervisors');
    return { items: await this.escalations.forUser(ctx.viewer.id) };
  }

  /** "I've seen it": the escalation leaves the unread part of the list. */
  async acknowledge(ctx: RequestContext, id: number): Promise<EscalationView> {
    if (ctx.viewer.role !== 'supervisor' && ctx.viewer.role !== 'admin') throw forbidden('Escalations go to supervisors');
    await this.escalations.acknowledge(id, ctx.viewer.id, new Date(this.clock.now()));
    const view = await this.escalations.view(id);
    if (!view) throw notFound('Escalation');
    return view;
  }
}
