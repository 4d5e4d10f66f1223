// Case-work reports over a period: backlog, SLA compliance, complaints by category and root
// cause, satisfaction by queue and agent. Supervisors see their team's, admins everyone's.
import { roleSupervises, type CaseReport, type ReportQuery } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { forbidden } from '../platform/domain-error.js';
import { runningStatusSql } from './data/running-status.sql.js';
import { SLA_STATUS_SQL, SWEEP_NOW_SQL } from './data/sla-due.sql.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { AuditRepository } from '../identity/data/audit.repository.js';
import type { RequestContext } from '../identity/request-context.js';
import { msg } from '../platform/i18n/message.js';

type Row = Record<string, unknown>;
const counts = (rows: Row[]) => rows.map((r) => ({ key: String(r.key ?? 'none'), count: Number(r.count) }));
const averages = (rows: Row[]) =>
  rows.map((r) => ({ key: String(r.key ?? 'none'), responses: Number(r.responses), average: Math.round(Number(r.average) * 100) / 100 }));

export class ReportService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepository,
    private readonly clock: Clock = systemClock,
  ) {}

  async cases(ctx: RequestContext, q: ReportQuery): Promise<CaseReport> {
    const v = ctx.viewer;
    if (!roleSupervises(v.role)) throw forbidden(msg('report.supervisorsOnly'));
    // A supervisor's report is their team's; an admin may pick a team or see all.
    const teamId = v.role === 'supervisor' ? v.teamId : (q.teamId ?? null);
    if (v.role === 'supervisor' && teamId === null) throw forbidden(msg('team.notInTeam'));
    // Open cases at risk or breached as of now, as the lists read them, not as of the last sweep.
    const now = this.clock.now();
    const from = new Date(q.from);
    const to = new Date(q.to);
    const team = (alias: string) => (teamId === null ? { sql: 'TRUE', b: [] as number[] } : { sql: `${alias}.team_id = ?`, b: [teamId] });
    const t = team('t');
    const open = runningStatusSql('t');
    // The team's satisfaction is the scores of calls its agents answered, whichever queue they
    // came through: by queue and by agent split the same responses (a queue's team is not the
    // team of every agent who answers it, so the two used to disagree).
    const teamCsat = `i.csat_score IS NOT NULL AND i.csat_at BETWEEN ? AND ? AND ${teamId === null ? 'TRUE' : 'u.team_id = ?'}`;

    const [byStatus, byPriority, sla, byCategory, byRootCause, csatQueue, csatAgent] = await Promise.all([
      this.db.raw(`SELECT status AS key, count(*) FROM tickets t WHERE ${open} AND ${t.sql} GROUP BY 1 ORDER BY 1`, t.b),
      this.db.raw(`SELECT priority AS key, count(*) FROM tickets t WHERE ${open} AND ${t.sql} GROUP BY 1 ORDER BY 1`, t.b),
      this.db.raw(
        `SELECT
           count(*) FILTER (WHERE t.resolved_at BETWEEN ? AND ? AND t.resolved_at <= t.resolve_due_at) AS resolved_in_time,
           count(*) FILTER (WHERE t.resolved_at BETWEEN ? AND ? AND t.resolved_at > t.resolve_due_at) AS resolved_late,
           count(*) FILTER (WHERE t.acknowledged_at BETWEEN ? AND ? AND t.acknowledged_at <= t.ack_due_at) AS ack_in_time,
           count(*) FILTER (WHERE t.acknowledged_at BETWEEN ? AND ? AND t.acknowledged_at > t.ack_due_at) AS ack_late,
           count(*) FILTER (WHERE ${open} AND s.ticket_id IS NOT NULL AND (${SLA_STATUS_SQL}) = 'breached') AS open_breached,
           count(*) FILTER (WHERE ${open} AND s.ticket_id IS NOT NULL AND (${SLA_STATUS_SQL}) = 'at_risk') AS open_at_risk
         FROM tickets t LEFT JOIN case_sla s ON s.ticket_id = t.id CROSS JOIN ${SWEEP_NOW_SQL} WHERE ${t.sql}`,
        [from, to, from, to, from, to, from, to, new Date(now), now, ...t.b],
      ),
      this.db.raw(
        `SELECT category AS key, count(*) FROM tickets t WHERE kind = 'complaint' AND created_at BETWEEN ? AND ? AND ${t.sql} GROUP BY 1 ORDER BY 2 DESC`,
        [from, to, ...t.b],
      ),
      this.db.raw(
        `SELECT root_cause AS key, count(*) FROM tickets t WHERE kind = 'complaint' AND resolved_at BETWEEN ? AND ? AND ${t.sql} GROUP BY 1 ORDER BY 2 DESC`,
        [from, to, ...t.b],
      ),
      this.db.raw(
        `SELECT q.display_name AS key, count(*) AS responses, avg(i.csat_score) AS average
         FROM interactions i JOIN users u ON u.id = i.agent_id JOIN queues q ON q.id = i.queue_id
         WHERE ${teamCsat} GROUP BY 1 ORDER BY 1`,
        [from, to, ...t.b],
      ),
      this.db.raw(
        `SELECT u.display_name AS key, count(*) AS responses, avg(i.csat_score) AS average
         FROM interactions i JOIN users u ON u.id = i.agent_id
         WHERE ${teamCsat} GROUP BY 1 ORDER BY 1`,
        [from, to, ...t.b],
      ),
    ]);
    const s = (sla.rows[0] ?? {}) as Row;
    const backlogByStatus = counts(byStatus.rows);
    await this.audit.write({ userId: v.id, action: 'report.cases', outcome: 'allowed', ip: ctx.ip, requestId: ctx.requestId, detail: { from: q.from, to: q.to, teamId } });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      backlog: { byStatus: backlogByStatus, byPriority: counts(byPriority.rows), openTotal: backlogByStatus.reduce((n, r) => n + r.count, 0) },
      sla: {
        resolvedInTime: Number(s.resolved_in_time ?? 0),
        resolvedLate: Number(s.resolved_late ?? 0),
        acknowledgedInTime: Number(s.ack_in_time ?? 0),
        acknowledgedLate: Number(s.ack_late ?? 0),
        openBreached: Number(s.open_breached ?? 0),
        openAtRisk: Number(s.open_at_risk ?? 0),
      },
      complaints: { byCategory: counts(byCategory.rows), byRootCause: counts(byRootCause.rows) },
      csat: { byQueue: averages(csatQueue.rows), byAgent: averages(csatAgent.rows) },
    };
  }
}
