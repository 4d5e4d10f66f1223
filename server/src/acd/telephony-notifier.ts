import type { AgentStatusView, CallEndedEvent, LiveCallView } from '../../../contract/index.js';

/** Domain facts about live calls, turned into pushes by the realtime layer (room per user). */
export interface TelephonyNotifier {
  agentStateChanged(userId: number, view: AgentStatusView): void;
  callOffered(userId: number, view: LiveCallView): void;
  offerWithdrawn(userId: number, callId: string, reason: 'timeout' | 'caller_left' | 'rejected' | 'unreachable'): void;
  callUpdated(userId: number, view: LiveCallView): void;
  callEnded(userId: number, event: CallEndedEvent): void;
}

export const silentNotifier: TelephonyNotifier = {
  agentStateChanged: () => {},
  callOffered: () => {},
  offerWithdrawn: () => {},
  callUpdated: () => {},
  callEnded: () => {},
};
