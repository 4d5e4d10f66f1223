// Call reports over any period, in 15-minute, hourly or daily intervals, per queue and per
// agent. The figures are folded with the wallboard's own metric functions (rules/), from the call
// log and the agent state history, so a day's report equals the wallboard's end of that day.
import {
  roleSupervises,
  type CallInterval,
  type CallReport,
  type CallReportAgentRow,
  type CallReportQuery,
  type CallReportQueueRow,
  MAX_REPORT_INTERVALS,
} from '../../../contract/index.js';
import { DomainError, forbidden } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import { csvLine } from '../platform/csv.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import type { FloorRepository, ReportedCall } from './data/floor.repository.js';
import { emptyTally, queueFigures, tallyLoggedCall, type CallTally } from './rules/call-metrics.js';
import { addStateTime, agentFigures, emptyAgentTally, type AgentTally } from './rules/agent-metrics.js';
import { intervalEnd, intervalStart, splitByInterval } from './rules/report-intervals.js';
import { agentsNeeded } from './rules/erlang-c.js';
import { firstContactResolved } from './rules/first-contact.js';

/** The service-level target the staffing helper plans for. */
export const STAFFING_TARGET = 0.8;
const STAFFED_STATES = new Set(['ready', 'ringing', 'on_call', 'wrap_up']);

export interface CallReportDeps {
  repo: FloorRepository;
  audit: AuditRepository;
  timeZone(): Promise<string>;
  now(): number;
}

interface QueueBucket {
  start: number;
  queueId: number;
  tally: CallTally;
  fcrEligible: number;
  fcrResolved: number;
}

export class CallReportService {
  constructor(private readonly d: CallReportDeps) {}

  async report(ctx: RequestContext, q: CallReportQuery): Promise<CallReport> {
    const v = ctx.viewer;
    if (!roleSupervises(v.role)) throw forbidden(msg('report.supervisorsOnly'));
    // A supervisor's report is their team's; an admin may pick a team or see all.
    const teamId = v.role === 'supervisor' ? v.teamId : (q.teamId ?? null);
    if (v.role === 'supervisor' && teamId === null) throw forbidden(msg('team.notInTeam'));
    const zone = await this.d.timeZone();
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (countIntervals(q.interval, zone, from, to) > MAX_REPORT_INTERVALS) {
      throw new DomainError('VALIDATION', msg('report.tooManyIntervals', { max: MAX_REPORT_INTERVALS }));
    }
    const [queues, agents, calls, states] = await Promise.all([
      this.d.repo.queues(),
      this.d.repo.agents(),
      this.d.repo.queueCalls(new Date(from), new Date(to), q.fcrDays),
      this.d.repo.agentStates(new Date(from), new Date(to)),
    ]);
    const myQueues = queues.filter((x) => teamId === null || x.teamId === teamId);
    const myAgents = agents.filter((x) => teamId === null || x.teamId === teamId);
    const queueIds = new Set(myQueues.map((x) => x.id));
    const agentIds = new Set(myAgents.map((x) => x.id));
    const key = (start: number, id: number) => `${start}:${id}`;

    // Calls: each in the interval its caller arrived in.
    const qb = new Map<string, QueueBucket>();
    const ab = new Map<string, { start: number; agentId: number; tally: AgentTally }>();
    const agentBucket = (start: number, agentId: number) => {
      let b = ab.get(key(start, agentId));
      if (!b) ab.set(key(start, agentId), (b = { start, agentId, tally: emptyAgentTally() }));
      return b;
    };
    const now = this.d.now();
    for (const c of calls) {
      const start = intervalStart(q.interval, zone, c.queuedAt);
      if (queueIds.has(c.queueId)) {
        let b = qb.get(key(start, c.queueId));
        if (!b) qb.set(key(start, c.queueId), (b = { start, queueId: c.queueId, tally: emptyTally(), fcrEligible: 0, fcrResolved: 0 }));
        tallyLoggedCall(b.tally, c);
        countFcr(b, c, q.fcrDays, now);
      }
      if (c.agentId !== null && c.answered && agentIds.has(c.agentId)) tallyLoggedCall(agentBucket(start, c.agentId).tally.calls, c);
    }
    // State time: each stretch split where it crosses an interval boundary, clipped to the period.
    for (const s of states) {
      if (!agentIds.has(s.userId)) continue;
      const end = Math.min(s.endedAt ?? now, to);
      for (const piece of splitByInterval(q.interval, zone, Math.max(s.startedAt, from), end)) {
        addStateTime(agentBucket(piece.start, s.userId).tally, s.state, piece.from, piece.to, from, to);
      }
    }

    const queueById = new Map(myQueues.map((x) => [x.id, x]));
    const agentRows: CallReportAgentRow[] = [];
    // Staffed time per interval and agent, for the queue rows' "agents staffed".
    const staffedMs = new Map<string, number>();
    const windowOf = (start: number) => Math.max(0, Math.min(intervalEnd(q.interval, zone, start), to, now) - Math.max(start, from));
    for (const b of [...ab.values()].sort((x, y) => x.start - y.start || x.agentId - y.agentId)) {
      const f = agentFigures(b.tally, windowOf(b.start));
      let staffed = 0;
      for (const [state, ms] of Object.entries(b.tally.stateMs)) if (STAFFED_STATES.has(state)) staffed += ms;
      staffedMs.set(key(b.start, b.agentId), staffed);
      const busy = f.callsHandled > 0 || AGENT_ACTIVE(f.stateSeconds);
      if (!busy) continue;
      agentRows.push({
        intervalStart: new Date(b.start).toISOString(),
        userId: b.agentId,
        displayName: myAgents.find((a) => a.id === b.agentId)?.displayName ?? String(b.agentId),
        callsHandled: f.callsHandled,
        ahtSeconds: f.ahtSeconds,
        occupancy: f.occupancy,
        stateSeconds: f.stateSeconds,
      });
    }

    const queueRows: CallReportQueueRow[] = [];
    for (const b of [...qb.values()].sort((x, y) => x.start - y.start || x.queueId - y.queueId)) {
      const def = queueById.get(b.queueId)!;
      const { waiting: _waiting, ...figures } = queueFigures(b.tally, def.serviceLevel);
      const length = Math.min(intervalEnd(q.interval, zone, b.start), to) - Math.max(b.start, from);
      let staffed = 0;
      for (const a of myAgents) if (a.queueIds.includes(b.queueId)) staffed += staffedMs.get(key(b.start, a.id)) ?? 0;
      queueRows.push({
        intervalStart: new Date(b.start).toISOString(),
        queueId: b.queueId,
        queueName: def.name,
        figures,
        fcrEligible: b.fcrEligible,
        fcrResolved: b.fcrResolved,
        firstContactResolution: b.fcrEligible > 0 ? b.fcrResolved / b.fcrEligible : null,
        staffedAgents: length > 0 ? Math.round((staffed / length) * 10) / 10 : 0,
        agentsNeeded:
          figures.ahtSeconds === null || length <= 0
            ? null
            : agentsNeeded({
                calls: figures.offered,
                intervalSeconds: length / 1000,
                ahtSeconds: figures.ahtSeconds,
                targetServiceLevel: STAFFING_TARGET,
                thresholdSeconds: def.serviceLevel.thresholdSeconds,
              }).agentsNeeded,
      });
    }
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), interval: q.interval, timeZone: zone, fcrDays: q.fcrDays, queues: queueRows, agents: agentRows };
  }

  /** The report as CSV (queue rows, then agent rows), audited as an export. */
  async exportCsv(ctx: RequestContext, q: CallReportQuery): Promise<{ csv: string; rows: number }> {
    const r = await this.report(ctx, q);
    const lines = [
      csvLine(['section', 'interval_start', 'queue', 'agent', 'offered', 'answered', 'abandoned', 'short_abandoned', 'unanswered', 'answered_within_threshold', 'service_level', 'asa_seconds', 'aht_seconds', 'abandonment_rate', 'first_contact_resolution', 'staffed_agents', 'agents_needed', 'calls_handled', 'occupancy', 'ready_seconds', 'not_ready_seconds', 'on_call_seconds', 'wrap_up_seconds']),
      ...r.queues.map((x) =>
        csvLine(['queue', x.intervalStart, x.queueName, '', x.figures.offered, x.figures.answered, x.figures.abandoned, x.figures.shortAbandoned, x.figures.unanswered, x.figures.answeredWithinThreshold, round(x.figures.serviceLevel), round(x.figures.asaSeconds), round(x.figures.ahtSeconds), round(x.figures.abandonmentRate), round(x.firstContactResolution), x.staffedAgents, x.agentsNeeded, '', '', '', '', '', '']),
      ),
      ...r.agents.map((x) =>
        csvLine(['agent', x.intervalStart, '', x.displayName, '', '', '', '', '', '', '', '', round(x.ahtSeconds), '', '', '', '', x.callsHandled, round(x.occupancy), x.stateSeconds.ready, x.stateSeconds.not_ready, x.stateSeconds.on_call + x.stateSeconds.ringing, x.stateSeconds.wrap_up]),
      ),
    ];
    const rows = r.queues.length + r.agents.length;
    await this.d.audit.write({
      userId: ctx.viewer.id,
      action: 'report.export',
      entity: 'call_report',
      outcome: 'allowed',
      rowCount: rows,
      ip: ctx.ip,
      requestId: ctx.requestId,
      detail: { from: r.from, to: r.to, interval: r.interval, teamId: q.teamId ?? null, fcrDays: r.fcrDays },
    });
    // The BOM tells spreadsheets the file is UTF-8 (Chinese names).
    return { csv: `\uFEFF${lines.join('')}`, rows };
  }
}

const AGENT_ACTIVE = (s: Record<string, number>) => Object.entries(s).some(([state, n]) => state !== 'logged_out' && n > 0);

const round = (x: number | null) => (x === null ? '' : Math.round(x * 1000) / 1000);

function countFcr(b: QueueBucket, c: ReportedCall, days: number, now: number): void {
  const verdict = firstContactResolved({ answered: c.answered, customerId: c.customerId, at: c.queuedAt, nextContactAt: c.nextContactAt, windowDays: days, now });
  if (verdict === null) return;
  b.fcrEligible += 1;
  if (verdict) b.fcrResolved += 1;
}

function countIntervals(kind: CallInterval, zone: string, from: number, to: number): number {
  if (kind === 'day') return Math.ceil((to - from) / 86_400_000) + 1;
  const size = kind === 'hour' ? 3_600_000 : 900_000;
  void zone;
  return Math.ceil((to - from) / size) + 1;
}
