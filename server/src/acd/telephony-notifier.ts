// The notifier's side of the call facts: each fact an agent's console must hear becomes one
// push to that agent (every tab of theirs). The transport (Socket.IO) implements the port.
import type { AgentStatusView, CallEndedEvent, LiveCallView } from '../../../contract/index.js';
import type { CallFact, CallFactListener, WithdrawReason } from './call-facts.js';

/** Pushes to one user's consoles; implemented by the realtime layer (room per user). */
export interface TelephonyNotifier {
  agentStateChanged(userId: number, view: AgentStatusView): void;
  callOffered(userId: number, view: LiveCallView): void;
  offerWithdrawn(userId: number, callId: string, reason: WithdrawReason): void;
  callUpdated(userId: number, view: LiveCallView): void;
  callEnded(userId: number, event: CallEndedEvent): void;
}

/** Subscribes a notifier to the call facts. */
export function notifyCallFacts(notifier: TelephonyNotifier): CallFactListener {
  return (f: CallFact) => {
    switch (f.type) {
      case 'agent-state-changed':
      case 'agent-reachability-changed':
        return notifier.agentStateChanged(f.agentId, f.view);
      case 'call-offered':
        return notifier.callOffered(f.agentId, f.view);
      case 'offer-ended':
        if (f.reason !== null) notifier.offerWithdrawn(f.agentId, f.callId, f.reason);
        return;
      case 'call-transferred':
        // The transferring agent's part is over: their console moves the call to wrap-up.
        return notifier.callEnded(f.fromAgentId, { callId: f.callId, interactionId: f.interactionId, endReason: 'completed' });
      case 'call-answered':
      case 'transfer-answered':
      case 'call-held':
      case 'call-resumed':
        return notifier.callUpdated(f.agentId, f.view);
      case 'call-ended':
        if (f.agentId !== null) notifier.callEnded(f.agentId, { callId: f.callId, interactionId: f.interactionId, endReason: f.reason });
        return;
      case 'direct-call-shown':
        if (f.ringing) notifier.callOffered(f.agentId, f.view);
        else notifier.callUpdated(f.agentId, f.view);
        return;
      case 'direct-call-ended':
        return notifier.callEnded(f.agentId, { callId: f.callId, interactionId: f.interactionId, endReason: f.reason });
      case 'consult-offered':
        return notifier.callOffered(f.agentId, f.view);
      case 'consult-answered':
        return notifier.callUpdated(f.agentId, f.view);
      case 'consult-ended':
        return notifier.offerWithdrawn(f.toAgentId, f.callId, 'consult_ended');
      case 'call-queued':
      case 'call-requeued':
      case 'call-refused':
      case 'wrap-up-ended':
        return; // nothing for a console: the call log's business
      default:
        return assertNever(f);
    }
  };
}

function assertNever(x: never): never {
  throw new Error(`unhandled call fact ${JSON.stringify(x)}`);
}
