// The start-up checklist of a fresh site (outside demo mode): what an admin does before the first
// real call, each step ticked from the data itself, so it never drifts from what was done.
import type { SetupChecklist, SetupStep } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { forbidden } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { RequestContext } from '../identity/request-context.js';

export class SetupChecklistService {
  constructor(private readonly d: { db: Db; demo: boolean }) {}

  async checklist(ctx: RequestContext): Promise<SetupChecklist> {
    if (ctx.viewer.role !== 'admin') throw forbidden(msg('admin.setupAdminsOnly'));
    const db = this.d.db;
    const any = async (q: Promise<unknown>) => Boolean(await q);
    const done: Record<SetupStep, boolean> = {
      team: await any(db('teams').first('id')),
      agents: await any(db('users').where({ role: 'agent', disabled: false }).first('id')),
      queue: await any(db('queues as q').join('phone_numbers as p', 'p.queue_id', 'q.id').where('q.active', true).first('q.id')),
      members: await any(
        db('queue_members as m').join('users as u', 'u.id', 'm.user_id').join('queues as q', 'q.id', 'm.queue_id').where({ 'u.disabled': false, 'q.active': true }).first('m.queue_id'),
      ),
      testCall: await any(db('interactions').where('kind', 'call').whereNotNull('queue_id').whereNotNull('answered_at').first('id')),
    };
    const steps = (Object.keys(done) as SetupStep[]).map((step) => ({ step, done: done[step] }));
    // The demo is set up already; a site that has done every step no longer needs the list.
    return { show: !this.d.demo && steps.some((s) => !s.done), steps };
  }
}
