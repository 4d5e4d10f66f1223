import type { ConsultParty, ConsultStage, ScreenPop, TransferContextView, TransferResult } from '../../../contract/index.js';
import type { QueueDefinition } from './data/queue-directory.repository.js';

/** A call the ACD is handling right now, from arrival to the end of the agent's wrap-up. */
export interface LiveCall {
  callId: string;
  sipCallId: string;
  callerNumber: string;
  queue: QueueDefinition;
  priority: number;
  queuedAt: number;
  /** Null until admission has reserved the id and built the pop; the call is not routed before. */
  interactionId: number | null;
  customerId: number | null;
  screenPop: ScreenPop | null;
  offer: { agentId: number; at: number; timer: unknown } | null;
  agentId: number | null;
  answeredAt: number | null;
  holdSince: number | null;
  holdSeconds: number;
  maxWaitTimer: unknown;
  ended: boolean;
  /** Set from a transfer until the call ends: the caller was answered before, by `fromAgentId`. */
  transfer?: ActiveTransfer | null;
  /** Set while the answering agent consults a colleague about the call (acd/call-consults.ts). */
  consult?: ActiveConsult | null;
}

export interface ActiveConsult {
  fromAgentId: number;
  /** The colleague consulted (picked from the queue when a queue was asked for). */
  to: { type: 'agent'; id: number; name: string };
  /** What the agent asked for: that agent, or a queue. */
  asked: TransferResult['to'];
  stage: ConsultStage;
  talkingTo: ConsultParty;
  context: TransferContextView;
  /** The switch's id of the consult call, once the agent's phone dialled it. */
  consultCallId: string | null;
  startedAt: number;
  answeredAt: number | null;
  /** Runs until the agent's phone dials the consult call. */
  dialTimer: unknown;
  dial: string;
}

export interface ActiveTransfer {
  fromAgentId: number;
  context: TransferContextView;
  target: { type: 'agent' | 'queue'; id: number; name: string };
  /** When the receiving agent (or the transferring one, called back) answered; null: not yet. */
  answeredAt: number | null;
  /** The time to come back to the transferring agent (a transfer to a queue). */
  returnTimer: unknown;
  /** The transfer waited its time: the next unanswered offer calls the transferring agent back. */
  returnDue: boolean;
}

export function waitSeconds(call: LiveCall, until: number): number {
  return Math.max(0, Math.round(((call.answeredAt ?? until) - call.queuedAt) / 1000));
}

export function talkSeconds(call: LiveCall, until: number): number | null {
  if (call.answeredAt === null) return null;
  return Math.max(0, Math.round((until - call.answeredAt) / 1000 - holdSecondsAt(call, until)));
}

export function holdSecondsAt(call: LiveCall, until: number): number {
  return call.holdSeconds + (call.holdSince === null ? 0 : Math.round((until - call.holdSince) / 1000));
}
