// How long recordings are kept: KEFU_RECORDING_RETENTION_DAYS days from when they started.
const DAY_MS = 86_400_000;

/** Recordings that started before this moment are past their time. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
