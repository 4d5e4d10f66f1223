import type { CallRecordingView } from '../../../../contract/index.js';
import { userRoom, type KefuIo } from '../../platform/realtime/socket-server.js';

/** Tells every tab of the agent on the call what its recording is doing now. */
export function socketRecordingNotifier(io: () => KefuIo | null): (agentId: number, view: CallRecordingView) => void {
  return (agentId, view) => io()?.to(userRoom(agentId)).emit('recording:changed', view);
}
