// Recomputing every customer's RFM scores: nightly (rfm-scheduler.ts) and when a marketer or an
// admin asks. The facts are read, scored by the one rule (rules/rfm.ts) and written back at once.
// One run at a time in this process; across servers the repository's lock decides.
import { RFM_SEGMENTS, type RfmRun, type RfmSegment, type RfmStatus } from '../../../contract/index.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { DomainError, forbidden } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { RfmRepository } from './data/rfm.repository.js';
import { canBuildSegments } from './rules/campaign-access.js';
import { scoreCustomers } from './rules/rfm.js';

export interface RfmDeps {
  rfm: RfmRepository;
  audit: AuditRepository;
  now(): number;
}

export class RfmService {
  private running: Promise<RfmRun | null> | null = null;

  constructor(private readonly d: RfmDeps) {}

  /** "Recompute now": marketers and admins; audited. */
  async recomputeNow(ctx: RequestContext): Promise<RfmRun> {
    if (!canBuildSegments(ctx.viewer)) throw forbidden();
    if (this.running) throw new DomainError('CONFLICT', msg('rfm.alreadyRunning'));
    const run = await this.run('manual', ctx.viewer.id);
    if (!run) throw new DomainError('CONFLICT', msg('rfm.alreadyRunning'));
    await this.d.audit.write({ userId: ctx.viewer.id, action: 'rfm.recompute', entity: 'rfm_run', entityId: run.id, outcome: 'allowed', rowCount: run.customers, ip: ctx.ip, requestId: ctx.requestId });
    return run;
  }

  /** The nightly run; null when another run (here or on another server) was already at it. */
  nightly(): Promise<RfmRun | null> {
    if (this.running) return Promise.resolve(null);
    return this.run('nightly', null);
  }

  async status(ctx: RequestContext): Promise<RfmStatus> {
    if (!canBuildSegments(ctx.viewer)) throw forbidden();
    return { lastRun: await this.d.rfm.lastRun() };
  }

  private run(trigger: RfmRun['trigger'], userId: number | null): Promise<RfmRun | null> {
    const work = (async () => {
      const runId = await this.d.rfm.startRun(trigger, userId, new Date(this.d.now()));
      const scores = scoreCustomers(await this.d.rfm.facts());
      if (!(await this.d.rfm.replace(scores, new Date(this.d.now())))) return null;
      const segments = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, 0])) as Record<RfmSegment, number>;
      for (const s of scores) segments[s.segment]++;
      return this.d.rfm.finishRun(runId, new Date(this.d.now()), scores.length, segments);
    })();
    this.running = work;
    return work.finally(() => {
      this.running = null;
    });
  }
}
