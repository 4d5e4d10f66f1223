// Acting on the floor: what a supervisor (over their team's agents) or an admin (over everyone)
// may do to agents and waiting calls, and the notice an agent's desktop shows about it.
import { z } from 'zod';
import { AgentState } from './domain.js';
import { NotReadyReasonCode } from './work-codes.js';

/**
 * A reason a supervisor forces: the shape of a reason code; the server checks it against the
 * admin's active reasons, as it does the agent's own choice (one check, acd/not-ready-reasons.ts).
 */
export const ForcedNotReadyReason = NotReadyReasonCode;
export type ForcedNotReadyReason = z.infer<typeof ForcedNotReadyReason>;

/** The reason an agent's state carries when a supervisor logged them out. */
export const LOGGED_OUT_BY_SUPERVISOR = 'supervisor';

export const ForceNotReadyRequest = z.object({ reason: ForcedNotReadyReason }).strict();
export type ForceNotReadyRequest = z.infer<typeof ForceNotReadyRequest>;

export const AgentMessageRequest = z.object({ text: z.string().trim().min(1).max(500) }).strict();
export type AgentMessageRequest = z.infer<typeof AgentMessageRequest>;

/** Where a pulled waiting call goes: another queue, a named agent, or the supervisor's own phone. */
export const PullCallRequest = z
  .object({
    to: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('queue'), queueId: z.number().int().positive() }).strict(),
      z.object({ kind: z.literal('agent'), agentId: z.number().int().positive() }).strict(),
      z.object({ kind: z.literal('me') }).strict(),
    ]),
  })
  .strict();
export type PullCallRequest = z.infer<typeof PullCallRequest>;

/**
 * What became of a forced change: made now, or waiting for the agent's call and wrap-up to end
 * (the supervisor is told which).
 */
export const FloorActionResult = z.object({ applied: z.enum(['now', 'after_call']), state: AgentState });
export type FloorActionResult = z.infer<typeof FloorActionResult>;

/** An agent as the supervisor's floor list shows them. */
export const FloorAgent = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  teamId: z.number().int().nullable(),
  state: AgentState,
  reason: z.string().nullable(),
  since: z.string(),
  phoneReachable: z.boolean(),
  /** A forced change waiting for the agent's call to end. */
  pending: z.enum(['not_ready', 'logged_out']).nullable(),
});
export type FloorAgent = z.infer<typeof FloorAgent>;

export const FloorAgentList = z.object({ items: z.array(FloorAgent) });
export type FloorAgentList = z.infer<typeof FloorAgentList>;

/** A call waiting in a queue, without the caller's number (the floor needs no personal data). */
export const FloorWaitingCall = z.object({
  callId: z.string(),
  queueId: z.number().int(),
  queueName: z.string(),
  waitingSince: z.string(),
  vip: z.boolean(),
  /** Ringing this agent now (it cannot be pulled until the offer ends). */
  ringingAgentId: z.number().int().nullable(),
});
export type FloorWaitingCall = z.infer<typeof FloorWaitingCall>;

export const FloorQueue = z.object({ id: z.number().int(), name: z.string() });
export type FloorQueue = z.infer<typeof FloorQueue>;

export const FloorWaitingCallList = z.object({ items: z.array(FloorWaitingCall), queues: z.array(FloorQueue) });
export type FloorWaitingCallList = z.infer<typeof FloorWaitingCallList>;

/** Pushed to the agent's desktop: a supervisor's message, or why their state was changed for them. */
export const FloorNotice = z.object({
  id: z.string(),
  kind: z.enum(['message', 'forced_not_ready', 'forced_not_ready_after_call', 'logged_out', 'logged_out_after_call']),
  from: z.object({ id: z.number().int(), name: z.string() }),
  text: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type FloorNotice = z.infer<typeof FloorNotice>;
