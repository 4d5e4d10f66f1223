// The backup_runs table: one row per run, from start to its result.
import { z } from 'zod';
import type { BackupStatus, BackupTrigger, Locale } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';
import { MESSAGES_EN } from '../../platform/i18n/messages.en.js';
import type { Message, MessageKey } from '../../platform/i18n/message.js';

export interface BackupRun {
  id: number;
  trigger: BackupTrigger;
  status: BackupStatus;
  startedAt: Date;
  finishedAt: Date | null;
  fileName: string | null;
  sizeBytes: number | null;
  error: Message | null;
}

interface Row {
  id: number;
  trigger: BackupTrigger;
  status: BackupStatus;
  started_at: Date;
  finished_at: Date | null;
  file_name: string | null;
  size_bytes: number | null;
  error: unknown;
}

// Stored by this code, but read back through a check like any data from outside.
const StoredMessage = z.object({
  key: z.string().refine((k): k is MessageKey => Object.hasOwn(MESSAGES_EN, k)),
  params: z.record(z.union([z.string(), z.number()])).optional(),
});

const toRun = (r: Row): BackupRun => {
  const error = r.error === null ? null : StoredMessage.safeParse(r.error);
  return {
    id: r.id,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    fileName: r.file_name,
    sizeBytes: r.size_bytes,
    error: error === null ? null : error.success ? (error.data as Message) : { key: 'backup.failed' },
  };
};

export class BackupRunRepository {
  constructor(private readonly db: Db) {}

  /** A new run; null when the scheduled slot was already taken (by another server). */
  async start(r: { trigger: BackupTrigger; scheduledFor: Date | null; requestedBy: number | null; serverId: string | null; at: Date }): Promise<number | null> {
    const rows = await this.db('backup_runs')
      .insert({ trigger: r.trigger, scheduled_for: r.scheduledFor, requested_by: r.requestedBy, server_id: r.serverId, status: 'running', started_at: r.at })
      .onConflict(this.db.raw('(scheduled_for) WHERE scheduled_for IS NOT NULL'))
      .ignore()
      .returning<{ id: number }[]>('id');
    return rows[0]?.id ?? null;
  }

  async succeeded(id: number, r: { at: Date; fileName: string; sizeBytes: number; keyId: string }): Promise<void> {
    await this.db('backup_runs').where({ id }).update({ status: 'succeeded', finished_at: r.at, file_name: r.fileName, size_bytes: r.sizeBytes, key_id: r.keyId });
  }

  async failed(id: number, r: { at: Date; error: Message }): Promise<void> {
    await this.db('backup_runs').where({ id }).update({ status: 'failed', finished_at: r.at, error: JSON.stringify(r.error) });
  }

  async get(id: number): Promise<BackupRun> {
    return toRun(await this.db('backup_runs').where({ id }).first<Row>());
  }

  /** Newest first, by when they were started (ids are drawn in that order). */
  async recent(limit: number): Promise<BackupRun[]> {
    return (await this.db('backup_runs').orderBy('id', 'desc').limit(limit).select<Row[]>()).map(toRun);
  }

  async lastSucceeded(): Promise<BackupRun | null> {
    const row = await this.db('backup_runs').where({ status: 'succeeded' }).orderBy('id', 'desc').first<Row | undefined>();
    return row ? toRun(row) : null;
  }

  /** Who is told about backups: every admin who can still sign in, with their language. */
  async admins(): Promise<{ id: number; locale: Locale | null }[]> {
    return this.db('users').where({ role: 'admin', disabled: false }).select<{ id: number; locale: Locale | null }[]>('id', 'locale');
  }
}
