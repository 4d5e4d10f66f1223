// Backups as the admin sees them: the last runs and the daily schedule.
import { z } from 'zod';

export const BACKUP_TRIGGERS = ['scheduled', 'manual'] as const;
export const BackupTrigger = z.enum(BACKUP_TRIGGERS);
export type BackupTrigger = z.infer<typeof BackupTrigger>;

export const BACKUP_STATUSES = ['running', 'succeeded', 'failed'] as const;
export const BackupStatus = z.enum(BACKUP_STATUSES);
export type BackupStatus = z.infer<typeof BackupStatus>;

export const BackupRunView = z.object({
  id: z.number().int(),
  trigger: BackupTrigger,
  status: BackupStatus,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The file's name in the backup directory (no path). */
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  /** Why it failed, in the viewer's language. */
  error: z.string().nullable(),
});
export type BackupRunView = z.infer<typeof BackupRunView>;

export const BackupOverview = z.object({
  /** The newest run, whatever its result; null before the first. */
  last: BackupRunView.nullable(),
  /** The newest run that succeeded. */
  lastSucceeded: BackupRunView.nullable(),
  recent: z.array(BackupRunView),
  schedule: z.object({
    /** HH:MM in timeZone; null when the daily backup is off. */
    time: z.string().nullable(),
    timeZone: z.string(),
    keep: z.number().int(),
    directory: z.string(),
    nextAt: z.string().nullable(),
  }),
});
export type BackupOverview = z.infer<typeof BackupOverview>;
