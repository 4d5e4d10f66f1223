import type { TelephonyNotifier } from '../../acd/telephony-notifier.js';
import { userRoom, type KefuIo } from '../../platform/realtime/socket-server.js';

/**
 * Pushes live-call facts to the one user they concern (every tab of theirs, no one else).
 * Subscribed to the ACD's call facts through notifyCallFacts: the only path to these events.
 */
export function socketTelephonyNotifier(io: () => KefuIo | null): TelephonyNotifier {
  const to = (id: number) => io()?.to(userRoom(id));
  return {
    agentStateChanged: (id, view) => to(id)?.emit('agent:state-changed', view),
    callOffered: (id, view) => to(id)?.emit('call:offered', view),
    offerWithdrawn: (id, callId, reason) => to(id)?.emit('call:offer-withdrawn', { callId, reason }),
    callUpdated: (id, view) => to(id)?.emit('call:updated', view),
    callEnded: (id, event) => to(id)?.emit('call:ended', event),
  };
}
