// The desk's recording command: start (on-demand queues), pause or resume the recording of the
// agent's own current call. Validated and answered with an ack; the rules are in CallRecorder.
import { z } from 'zod';
import { RecordingCommand, roleTakesCalls, type Me } from '../../../../contract/index.js';
import type { AuditRepository } from '../../identity/data/audit.repository.js';
import type { Logger } from '../../platform/logger.js';
import { command } from '../../platform/realtime/ack.js';
import { socketCommandContext } from '../../platform/realtime/socket-command-context.js';
import type { KefuSocket } from '../../platform/realtime/socket-server.js';
import type { CallRecorder } from '../call-recorder.js';

export interface RecordingHandlerDeps {
  recorder: CallRecorder;
  audit: AuditRepository;
  log: Logger;
}

/** Only people who take calls have a call whose recording they control. */
export function registerRecordingControl(socket: KefuSocket, user: Me, d: RecordingHandlerDeps): void {
  if (!roleTakesCalls(user.role)) return;
  const commands = socketCommandContext(socket, user, d.audit, d.log);
  socket.on(
    'recording:control',
    command(RecordingCommand, commands, (cmd) => d.recorder.control(user.id, cmd)),
  );
  socket.on(
    'recording:current',
    command(z.object({}).strict(), commands, () => d.recorder.currentOf(user.id)),
  );
}
