// Socket.IO event maps (typed generics on both ends). Server-to-client events are
// facts in the past tense; client-to-server events are commands answered by an Ack.
import type { Ack } from './errors.js';
import type { Me } from './auth.js';
import type { ScreenPop } from './customers.js';
import type { Locale } from './domain.js';
import type { EscalationView, WrapUpCommand } from './cases.js';
import type { BackupRunView } from './backups.js';
import type { FloorNotice, FloorWaitingCallList } from './floor.js';
import type { TransferCommand, TransferDirectory, TransferResult } from './transfer.js';
import type { ConsultCommand, ConsultSwapCommand, ConsultView } from './consult.js';
import type { WallboardDelta, WallboardSnapshot } from './wallboard.js';
import type { CampaignLiveFigures, CampaignWatchCommand } from './campaign-dialing.js';
import type {
  MonitorAnswerCommand,
  MonitorAnswered,
  MonitorEnded,
  MonitorModeChanged,
  MonitorOffered,
  MonitorSessionCommand,
  MonitorSessionView,
  MonitorSetModeCommand,
  MonitorStartCommand,
} from './monitoring.js';
import type {
  AgentDesktopSnapshot,
  AgentStatusView,
  CallEndedEvent,
  ChooseCustomerCommand,
  LiveCallView,
  SaveNotesCommand,
  ScreenPopLookupCommand,
  SetAgentStateCommand,
} from './telephony.js';
import type { CallRecordingView, RecordingCommand } from './recordings.js';

export interface ServerToClientEvents {
  /** Sent once after the connection is authenticated. */
  'session:ready': (payload: { user: Me }) => void;
  /** The session was ended elsewhere (sign-out, expiry); the console returns to sign-in. */
  /** `revoked`: an admin deactivated the user or reset their password, or they changed it elsewhere. */
  'session:ended': (payload: { reason: 'signed_out' | 'expired' | 'revoked' }) => void;
  /** The agent's own state changed (by them, by a call, or by the system: missed, wrap-up over). */
  'agent:state-changed': (payload: AgentStatusView) => void;
  /** A call is ringing this agent; the screen-pop travels with it, before answer. */
  'call:offered': (payload: LiveCallView) => void;
  /** The offer ended without this agent answering: timed out, the caller left, or rejected. */
  'call:offer-withdrawn': (payload: { callId: string; reason: 'timeout' | 'caller_left' | 'rejected' | 'unreachable' | 'consult_ended' }) => void;
  /** The agent answered or the call changed (hold); the current call as the server sees it. */
  'call:updated': (payload: LiveCallView) => void;
  'call:ended': (payload: CallEndedEvent) => void;
  /** A case of this supervisor's team is at risk or breached (the SLA sweep). */
  'escalation:raised': (payload: EscalationView) => void;
  /**
   * An escalation was acknowledged (by its recipient, or by an admin): sent to every tab of the
   * recipient and of whoever acknowledged it, so each list and unread badge follows at once.
   */
  'escalation:acknowledged': (payload: EscalationAcknowledged) => void;
  /** Sent to every admin: a backup finished, succeeded or failed (a failure needs their attention). */
  'backup:finished': (payload: BackupRunView) => void;
  /** A supervisor sent this agent a message, or changed their state for them (and why). */
  'floor:notice': (payload: FloorNotice) => void;
  /** To supervisors watching the wallboard: the queue and agent rows that changed (coalesced). */
  'wallboard:changed': (payload: WallboardDelta) => void;
  /** To the agent's console holding the call: a supervisor's monitoring session to answer. */
  'monitor:offered': (payload: MonitorOffered) => void;
  /** To the supervisor's page: the agent's softphone answered the monitoring session. */
  'monitor:answered': (payload: MonitorAnswered) => void;
  /** To both ends: the session's mode changed (the agent's softphone remixes). */
  'monitor:mode-changed': (payload: MonitorModeChanged) => void;
  /** To both ends: the session is over (stopped, the call ended, a party left). */
  'monitor:ended': (payload: MonitorEnded) => void;
  /** To those watching a campaign's page: its live figures changed (coalesced). */
  'campaign:figures': (payload: CampaignLiveFigures) => void;
  /** To supervisors on the Floor page: the calls waiting now, whole (coalesced). */
  'floor:waiting-changed': (payload: FloorWaitingCallList) => void;
  /** To the agent on the call: its recording started, paused, resumed, failed, or may be started. */
  'recording:changed': (payload: CallRecordingView) => void;
}

export interface EscalationAcknowledged {
  /** The escalation's id. */
  id: number;
  /** Whose list it is in; null when that account was removed (an admin may still acknowledge). */
  recipientId: number | null;
  acknowledgedAt: string;
  acknowledgedBy: { id: number; name: string };
}

export interface ClientToServerEvents {
  'session:ping': (payload: Record<string, never>, ack: (res: Ack<{ at: string }>) => void) => void;
  /** Ready, or Not ready with a reason. */
  'agent:set-state': (payload: SetAgentStateCommand, ack: (res: Ack<AgentStatusView>) => void) => void;
  /** The agent's state and current call, e.g. after a reload. */
  'agent:get-desktop': (payload: Record<string, never>, ack: (res: Ack<AgentDesktopSnapshot>) => void) => void;
  'call:save-notes': (payload: SaveNotesCommand, ack: (res: Ack<{ savedAt: string }>) => void) => void;
  /** Ties the current call's interaction to the customer the agent chose (or just created). */
  'call:choose-customer': (payload: ChooseCustomerCommand, ack: (res: Ack<ScreenPop>) => void) => void;
  /** The screen-pop for a caller id seen on an incoming INVITE (softphone registered elsewhere). */
  'screenpop:lookup': (payload: ScreenPopLookupCommand, ack: (res: Ack<ScreenPop>) => void) => void;
  /** Finishes after-call work: the disposition (required), notes, then Ready or Not ready. */
  'call:wrap-up': (payload: WrapUpCommand, ack: (res: Ack<AgentStatusView>) => void) => void;
  /** Blind transfer of the agent's connected call; the context (notes, cases, reason) travels with it. */
  'call:transfer': (payload: TransferCommand, ack: (res: Ack<TransferResult>) => void) => void;
  /** Agents (with their state) and queues a call can be transferred to. */
  'transfer:directory': (payload: Record<string, never>, ack: (res: Ack<TransferDirectory>) => void) => void;
  /** Consult: the caller is held (by the web phone) and the colleague rings once the phone dials `dial`. */
  'call:consult': (payload: ConsultCommand, ack: (res: Ack<ConsultView>) => void) => void;
  /** Joins the caller and the consulted colleague; the agent's part ends (wrap-up). */
  'call:consult-complete': (payload: Record<string, never>, ack: (res: Ack<TransferResult>) => void) => void;
  /** Ends the consult call; the agent goes back to the caller. */
  'call:consult-cancel': (payload: Record<string, never>, ack: (res: Ack<{ cancelled: true }>) => void) => void;
  /** Talks to the caller or the colleague; the web phone holds the other. */
  'call:consult-swap': (payload: ConsultSwapCommand, ack: (res: Ack<ConsultView>) => void) => void;
  /** Supervisors and admins: the wallboard as it is now; 'wallboard:changed' follows. */
  'wallboard:watch': (payload: Record<string, never>, ack: (res: Ack<WallboardSnapshot>) => void) => void;
  'wallboard:unwatch': (payload: Record<string, never>, ack: (res: Ack<{ watching: false }>) => void) => void;
  /** Supervisors and admins: listen, whisper or barge into an agent's current call. */
  'monitor:start': (payload: MonitorStartCommand, ack: (res: Ack<MonitorSessionView>) => void) => void;
  /** The monitored agent's softphone: its answer to the session's offer. */
  'monitor:answer': (payload: MonitorAnswerCommand, ack: (res: Ack<{ answered: true }>) => void) => void;
  /** The monitored agent's softphone could not join the session (no call here, no media). */
  'monitor:decline': (payload: MonitorSessionCommand, ack: (res: Ack<{ declined: true }>) => void) => void;
  'monitor:set-mode': (payload: MonitorSetModeCommand, ack: (res: Ack<MonitorSessionView>) => void) => void;
  'monitor:stop': (payload: MonitorSessionCommand, ack: (res: Ack<{ stopped: true }>) => void) => void;
  /** Whoever may see the campaign: its live figures now; 'campaign:figures' follows. */
  'campaign:watch': (payload: CampaignWatchCommand, ack: (res: Ack<CampaignLiveFigures>) => void) => void;
  'campaign:unwatch': (payload: CampaignWatchCommand, ack: (res: Ack<{ watching: false }>) => void) => void;
  /** Supervisors and admins: the calls waiting now; 'floor:waiting-changed' follows. */
  'floor:watch-waiting': (payload: Record<string, never>, ack: (res: Ack<FloorWaitingCallList>) => void) => void;
  'floor:unwatch-waiting': (payload: Record<string, never>, ack: (res: Ack<{ watching: false }>) => void) => void;
  /** The agent on the call: start (on-demand queues), pause or resume its recording. */
  'recording:control': (payload: RecordingCommand, ack: (res: Ack<CallRecordingView>) => void) => void;
  /** The recording of the agent's current call, e.g. after a reload; null when it has none. */
  'recording:current': (payload: Record<string, never>, ack: (res: Ack<CallRecordingView | null>) => void) => void;
}

export interface SocketData {
  userId: number;
  sessionId: string;
  /** The language of this socket's ack messages: the user's saved one, else the browser's at connect. */
  locale: Locale;
}
