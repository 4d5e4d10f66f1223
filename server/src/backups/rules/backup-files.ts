// Backup file names and which old ones to delete. The name carries the UTC time it was made, so
// the names sort in time order and nothing else in the directory is ever taken for a backup.

const NAME = /^kefu-backup-(\d{8}T\d{6}Z)(?:-(\d+))?\.kefubak$/;

/** kefu-backup-20261126T190000Z.kefubak; `n` tells apart two made in the same second. */
export function backupFileName(at: Date, n?: number): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `kefu-backup-${stamp}${n ? `-${n}` : ''}.kefubak`;
}

export const isBackupFileName = (name: string): boolean => NAME.test(name);

function sortKey(name: string): string {
  const m = NAME.exec(name)!;
  return `${m[1]}-${(m[2] ?? '1').padStart(6, '0')}`;
}

/** The backups beyond the newest `keep`, oldest first. Other files are never named. */
export function backupsToDelete(names: readonly string[], keep: number): string[] {
  const ours = names.filter(isBackupFileName).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  return ours.slice(0, Math.max(0, ours.length - keep));
}
