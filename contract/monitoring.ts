// Listening to, coaching and joining an agent's call from the browser. The supervisor's page and
// the agent's softphone set up a second WebRTC session through the server (the offer and the
// answer travel as these socket events); the agent's softphone mixes what each party hears
// (softphone/src/monitoring). The server decides who may monitor whom in which mode, audits each
// session and ends it with the call.
import { z } from 'zod';

/** listen: the supervisor hears both parties; whisper: the agent hears the supervisor too;
 *  barge: the caller hears the supervisor too (three-way). */
export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export const MonitorMode = z.enum(MONITOR_MODES);
export type MonitorMode = z.infer<typeof MonitorMode>;

/** An SDP body; generous but bounded (a WebRTC audio offer is a few kilobytes). */
const Sdp = z.string().min(10).max(20_000);
const SessionId = z.string().uuid();

export const MonitorStartCommand = z.object({ agentUserId: z.number().int().positive(), mode: MonitorMode, offer: Sdp }).strict();
export type MonitorStartCommand = z.infer<typeof MonitorStartCommand>;
export const MonitorAnswerCommand = z.object({ sessionId: SessionId, answer: Sdp }).strict();
export type MonitorAnswerCommand = z.infer<typeof MonitorAnswerCommand>;
export const MonitorSetModeCommand = z.object({ sessionId: SessionId, mode: MonitorMode }).strict();
export type MonitorSetModeCommand = z.infer<typeof MonitorSetModeCommand>;
export const MonitorSessionCommand = z.object({ sessionId: SessionId }).strict();
export type MonitorSessionCommand = z.infer<typeof MonitorSessionCommand>;

/** Why a monitoring session ended. */
export const MONITOR_END_REASONS = ['stopped', 'call_ended', 'supervisor_left', 'agent_unavailable'] as const;
export type MonitorEndReason = (typeof MONITOR_END_REASONS)[number];

/** A session as the supervisor sees it. */
export interface MonitorSessionView {
  sessionId: string;
  agentUserId: number;
  callId: string;
  mode: MonitorMode;
  /** The modes this supervisor may switch to in this session. */
  allowedModes: MonitorMode[];
  startedAt: string;
}

/** To the agent's console: set up the monitoring session (no ringing, no call on the desk). */
export interface MonitorOffered {
  sessionId: string;
  callId: string;
  mode: MonitorMode;
  offer: string;
  /** Who monitors, when the site lets agents see it; null otherwise. */
  supervisor: { id: number; name: string } | null;
}

export interface MonitorAnswered {
  sessionId: string;
  answer: string;
}

export interface MonitorModeChanged {
  sessionId: string;
  mode: MonitorMode;
}

export interface MonitorEnded {
  sessionId: string;
  reason: MonitorEndReason;
}
