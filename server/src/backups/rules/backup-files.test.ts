import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToDelete, isBackupFileName } from './backup-files.js';

describe('backup file names and retention', () => {
  it('name a backup by the UTC second it was made', () => {
    expect(backupFileName(new Date('2026-11-26T19:00:00.123Z'))).toBe('kefu-backup-20261126T190000Z.kefubak');
    expect(backupFileName(new Date('2026-11-26T19:00:00Z'), 2)).toBe('kefu-backup-20261126T190000Z-2.kefubak');
  });

  it('keep the newest N and delete the older ones, oldest first', () => {
    const names = ['20261124', '20261126', '20261125', '20261123'].map((d) => backupFileName(new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T19:00:00Z`)));
    expect(backupsToDelete(names, 2)).toEqual([backupFileName(new Date('2026-11-23T19:00:00Z')), backupFileName(new Date('2026-11-24T19:00:00Z'))]);
    expect(backupsToDelete(names, 7)).toEqual([]);
  });

  it('order two backups of one second by their number, the later one kept', () => {
    const at = new Date('2026-11-26T19:00:00Z');
    expect(backupsToDelete([backupFileName(at, 2), backupFileName(at)], 1)).toEqual([backupFileName(at)]);
  });

  it('never touch a file that is not a complete backup: half-written ones, notes, other dumps', () => {
    const names = ['kefu-backup-20261126T190000Z.kefubak.partial', 'README', 'kefu.dump', backupFileName(new Date('2026-11-26T19:00:00Z'))];
    expect(names.filter(isBackupFileName)).toHaveLength(1);
    expect(backupsToDelete(names, 0)).toEqual([backupFileName(new Date('2026-11-26T19:00:00Z'))]);
  });
});
