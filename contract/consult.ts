// The contract of a consult (attended) transfer: the agent holds the caller, calls a colleague
// (or the next free agent of a queue) from their web phone, talks to them, then completes the
// transfer (the caller and the colleague are joined, the agent goes to wrap-up), cancels it
// (back to the caller), or swaps between the two. The context travels as in a blind transfer.
import { z } from 'zod';
import { TransferCommand, TransferResult } from './transfer.js';

/** "Consult": the same target and one-line reason as "Transfer now". */
export const ConsultCommand = TransferCommand;
export type ConsultCommand = z.infer<typeof ConsultCommand>;

export const CONSULT_STAGES = ['dialling', 'ringing', 'talking'] as const;
export const ConsultStage = z.enum(CONSULT_STAGES);
export type ConsultStage = z.infer<typeof ConsultStage>;

/** Whom the consulting agent hears now; the other party is held. */
export const ConsultParty = z.enum(['caller', 'consulted']);
export type ConsultParty = z.infer<typeof ConsultParty>;

export const ConsultView = z.object({
  /** The caller's call (the one consulted about). */
  callId: z.string(),
  /** The colleague being consulted (for a queue, the free agent it picked). */
  to: TransferResult.shape.to,
  stage: ConsultStage,
  talkingTo: ConsultParty,
  /**
   * What the agent's web phone dials, with HEADER_CONSULT_OF naming `callId`; the switch rings
   * the colleague above whatever is dialled.
   */
  dial: z.string(),
});
export type ConsultView = z.infer<typeof ConsultView>;

/** "Swap": whom to talk to from now on. */
export const ConsultSwapCommand = z.object({ talkTo: ConsultParty }).strict();
export type ConsultSwapCommand = z.infer<typeof ConsultSwapCommand>;
