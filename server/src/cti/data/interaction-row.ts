// The columns every interaction read selects, and their mapping to the contract's Interaction.
// InteractionRepository and the one-statement screen-pop both read through here.
import type { Knex } from 'knex';
import type { Direction, EndReason, Interaction, InteractionKind } from '../../../../contract/index.js';
import { iso, isoRequired } from '../../platform/db/row-mapping.js';
import type { SensitiveFields } from '../../platform/crypto/sensitive-fields.js';

export interface InteractionRow {
  id: number;
  customer_id: number | null;
  customer_name: string | null;
  csat_score: number | null;
  kind: InteractionKind;
  direction: Direction | null;
  caller_number: string | null;
  agent_id: number | null;
  agent_name: string | null;
  queue_name: string | null;
  campaign_name: string | null;
  started_at: Date;
  queued_at: Date | null;
  offered_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  wait_seconds: number | null;
  talk_seconds: number | null;
  hold_seconds: number | null;
  wrap_seconds: number | null;
  end_reason: EndReason | null;
  disposition: string | null;
  disposition_label: { label: string; labelZh: string } | null;
  notes: string | null;
}

const INTERACTION_COLUMNS = [
  'i.id',
  'i.customer_id',
  'cu.name as customer_name',
  'i.csat_score',
  'i.kind',
  'i.direction',
  'i.caller_number',
  'i.agent_id',
  'a.display_name as agent_name',
  'q.display_name as queue_name',
  'k.name as campaign_name',
  'i.started_at',
  'i.queued_at',
  'i.offered_at',
  'i.answered_at',
  'i.ended_at',
  'i.wait_seconds',
  'i.talk_seconds',
  'i.hold_seconds',
  'i.wrap_seconds',
  'i.end_reason',
  'i.disposition',
  'i.notes',
];

/**
 * The words of the call's disposition: its queue's code first, then the shared one (queue_id
 * null). Two joins rather than a subquery per row: each matches at most one code (the unique
 * index on (coalesce(queue_id, 0), code)), and the small code table is read once per statement.
 */
const DISPOSITION_LABEL_SQL = `CASE WHEN COALESCE(dq.id, ds.id) IS NULL THEN NULL
  ELSE json_build_object('label', COALESCE(dq.label, ds.label), 'labelZh', COALESCE(dq.label_zh, ds.label_zh)) END AS disposition_label`;

/** interactions as i, with its customer (cu), agent (a), queue (q) and campaign (k) names. */
export function interactionQuery(db: Knex): Knex.QueryBuilder {
  return db('interactions as i')
    .leftJoin('customers as cu', 'cu.id', 'i.customer_id')
    .leftJoin('users as a', 'a.id', 'i.agent_id')
    .leftJoin('queues as q', 'q.id', 'i.queue_id')
    .leftJoin('campaigns as k', 'k.id', 'i.campaign_id')
    .leftJoin('disposition_codes as dq', (j) => j.on('dq.queue_id', 'i.queue_id').andOn('dq.code', 'i.disposition'))
    .leftJoin('disposition_codes as ds', (j) => j.onNull('ds.queue_id').andOn('ds.code', 'i.disposition'))
    .select(INTERACTION_COLUMNS)
    .select(db.raw(DISPOSITION_LABEL_SQL));
}

/** The call notes are sealed at rest and opened here, for every read of an interaction. */
export function toInteraction(r: InteractionRow, fields: SensitiveFields): Interaction {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    kind: r.kind,
    direction: r.direction,
    callerNumber: r.caller_number,
    agentId: r.agent_id,
    agentName: r.agent_name,
    queueName: r.queue_name,
    campaignName: r.campaign_name,
    startedAt: isoRequired(r.started_at),
    queuedAt: iso(r.queued_at),
    offeredAt: iso(r.offered_at),
    answeredAt: iso(r.answered_at),
    endedAt: iso(r.ended_at),
    waitSeconds: r.wait_seconds,
    talkSeconds: r.talk_seconds,
    holdSeconds: r.hold_seconds,
    wrapSeconds: r.wrap_seconds,
    endReason: r.end_reason,
    disposition: r.disposition,
    dispositionLabel: r.disposition_label ?? null,
    notes: fields.open('interactions.notes', r.notes),
    csatScore: r.csat_score,
  };
}
