// The recordings table: one row per recording of a call, tied to its interaction. Rows become
// RecordingView here (snake_case stops at this file).
import type { PausedSpan, RecordingPolicy, RecordingView } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';

interface RecordingRow {
  id: number;
  interaction_id: string | number;
  agent_id: number | null;
  agent_name?: string | null;
  started_by: 'policy' | 'agent';
  state: 'recording' | 'ready' | 'failed';
  started_at: Date;
  ended_at: Date | null;
  duration_seconds: number | null;
  paused_spans: PausedSpan[];
  file_name: string | null;
  failure_reason: string | null;
}

const view = (r: RecordingRow): RecordingView => ({
  id: r.id,
  interactionId: Number(r.interaction_id),
  agentId: r.agent_id,
  agentName: r.agent_name ?? null,
  startedBy: r.started_by,
  state: r.state,
  startedAt: r.started_at.toISOString(),
  endedAt: r.ended_at ? r.ended_at.toISOString() : null,
  durationSeconds: r.duration_seconds,
  pausedSpans: r.paused_spans,
  failureReason: r.failure_reason,
});

/** A recording with what playback needs: whose call it was, and where its file is. */
export interface StoredRecording {
  view: RecordingView;
  customerId: number | null;
  fileName: string | null;
}

export class RecordingRepository {
  constructor(private readonly db: Db) {}

  async policyOfQueue(queueId: number): Promise<RecordingPolicy> {
    const row = (await this.db('queues').where('id', queueId).first('recording_policy')) as { recording_policy: RecordingPolicy } | undefined;
    return row?.recording_policy ?? 'none';
  }

  async start(r: { interactionId: number; agentId: number; startedBy: 'policy' | 'agent'; at: Date }): Promise<number> {
    const [row] = await this.db('recordings')
      .insert({ interaction_id: r.interactionId, agent_id: r.agentId, started_by: r.startedBy, started_at: r.at })
      .returning('id');
    return (row as { id: number }).id;
  }

  async setPausedSpans(id: number, spans: readonly PausedSpan[]): Promise<void> {
    await this.db('recordings').where({ id }).update({ paused_spans: JSON.stringify(spans) });
  }

  async ready(id: number, r: { endedAt: Date; durationSeconds: number; spans: readonly PausedSpan[]; fileName: string; fileBytes: number }): Promise<void> {
    await this.db('recordings').where({ id }).update({
      state: 'ready',
      ended_at: r.endedAt,
      duration_seconds: r.durationSeconds,
      paused_spans: JSON.stringify(r.spans),
      file_name: r.fileName,
      file_bytes: r.fileBytes,
    });
  }

  async fail(id: number, reason: string, endedAt: Date | null = null): Promise<void> {
    await this.db('recordings').where({ id }).update({ state: 'failed', failure_reason: reason.slice(0, 500), ...(endedAt ? { ended_at: endedAt } : {}) });
  }

  /** The recordings of a customer's calls, newest first. */
  async ofCustomer(customerId: number): Promise<RecordingView[]> {
    const rows = (await this.db('recordings as r')
      .join('interactions as i', 'i.id', 'r.interaction_id')
      .leftJoin('users as u', 'u.id', 'r.agent_id')
      .where('i.customer_id', customerId)
      .orderBy('r.started_at', 'desc')
      .limit(500)
      .select('r.*', 'u.display_name as agent_name')) as RecordingRow[];
    return rows.map(view);
  }

  async find(id: number): Promise<StoredRecording | null> {
    const row = (await this.db('recordings as r')
      .join('interactions as i', 'i.id', 'r.interaction_id')
      .leftJoin('users as u', 'u.id', 'r.agent_id')
      .where('r.id', id)
      .first('r.*', 'u.display_name as agent_name', 'i.customer_id')) as (RecordingRow & { customer_id: string | number | null }) | undefined;
    if (!row) return null;
    return { view: view(row), customerId: row.customer_id === null ? null : Number(row.customer_id), fileName: row.file_name };
  }

  /** Removes the recordings that started before `cutoff`; returns their files to delete. */
  async removeStartedBefore(cutoff: Date): Promise<{ count: number; files: string[] }> {
    const rows = (await this.db('recordings').where('started_at', '<', cutoff).whereNot('state', 'recording').delete().returning('file_name')) as {
      file_name: string | null;
    }[];
    return { count: rows.length, files: rows.flatMap((r) => (r.file_name ? [r.file_name] : [])) };
  }

  /** Which of these files still belong to a recording (the others were left by removed calls). */
  async filesInUse(files: readonly string[]): Promise<Set<string>> {
    if (files.length === 0) return new Set();
    const rows = (await this.db('recordings').whereIn('file_name', files as string[]).select('file_name')) as { file_name: string }[];
    return new Set(rows.map((r) => r.file_name));
  }
}
