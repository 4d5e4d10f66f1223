import { userRoom, type KefuIo } from '../../platform/realtime/socket-server.js';
import type { BackupNotifier } from '../backup.service.js';

/** Pushes a finished backup to every tab of an admin. */
export function socketBackupNotifier(io: () => KefuIo | null): BackupNotifier {
  return {
    backupFinished: (adminId, view) => {
      io()?.to(userRoom(adminId)).emit('backup:finished', view);
    },
  };
}
