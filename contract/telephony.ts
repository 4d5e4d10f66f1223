// The contract of live calls: the agent's state, offers with their screen-pop, the softphone's
// SIP account, and the commands the agent desktop sends.
import { z } from 'zod';
import { AgentState, EndReason } from './domain.js';
import { Interaction, ScreenPop } from './customers.js';
import { NotReadyReasonCode } from './work-codes.js';
import { TransferContextView } from './transfer.js';


export const AgentStatusView = z.object({
  state: AgentState,
  reason: z.string().nullable(),
  /** When the agent entered this state (ISO time), for "time in state". */
  since: z.string(),
  /** Whether the agent's softphone is registered to the switch. */
  phoneReachable: z.boolean(),
  /**
   * In wrap-up, when the server will make the agent Ready by itself (ISO time), so the console
   * can count down; null outside wrap-up and when the call's queue sets no limit.
   */
  wrapUpEndsAt: z.string().nullable(),
});
export type AgentStatusView = z.infer<typeof AgentStatusView>;

export const LiveCallView = z.object({
  callId: z.string(),
  interactionId: z.number().int(),
  /** Null for a call outside any queue: an agent dialling out, or a call to their extension. */
  queueName: z.string().nullable(),
  callerNumber: z.string(),
  state: z.enum(['ringing', 'talking', 'held', 'wrap_up']),
  offeredAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  /** Seconds the agent has to answer before the call moves on. */
  ringSeconds: z.number().int().nullable(),
  screenPop: ScreenPop,
  /** Set when another agent transferred the call here: who, why, and what they noted. */
  transfer: TransferContextView.nullable().optional(),
  /** The agent dialled this number without seeing it (a dial token): every number here is masked. */
  numberHidden: z.literal(true).optional(),
});
export type LiveCallView = z.infer<typeof LiveCallView>;

export const SipCredentialsView = z.object({
  uri: z.string(),
  authorizationUsername: z.string(),
  authorizationPassword: z.string(),
  wsServer: z.string(),
  displayName: z.string(),
});
export type SipCredentialsView = z.infer<typeof SipCredentialsView>;

export const WebPhoneCredentialsRequest = z.object({ number: z.string().trim().min(3).max(40) }).strict();
export type WebPhoneCredentialsRequest = z.infer<typeof WebPhoneCredentialsRequest>;

export const SetAgentStateCommand = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready') }).strict(),
  /** One of the admin's active reasons (the server checks; the system's own are not choosable). */
  z.object({ state: z.literal('not_ready'), reason: NotReadyReasonCode }).strict(),
]);
export type SetAgentStateCommand = z.infer<typeof SetAgentStateCommand>;

export const SaveNotesCommand = z.object({ interactionId: z.number().int().positive(), notes: z.string().max(10_000) }).strict();
export type SaveNotesCommand = z.infer<typeof SaveNotesCommand>;

export const ChooseCustomerCommand = z
  .object({ interactionId: z.number().int().positive(), customerId: z.number().int().positive() })
  .strict();
export type ChooseCustomerCommand = z.infer<typeof ChooseCustomerCommand>;

export const ScreenPopLookupCommand = z.object({ callerNumber: z.string().trim().min(1).max(100) }).strict();
export type ScreenPopLookupCommand = z.infer<typeof ScreenPopLookupCommand>;

export const AgentDesktopSnapshot = z.object({
  status: AgentStatusView,
  call: LiveCallView.nullable(),
});
export type AgentDesktopSnapshot = z.infer<typeof AgentDesktopSnapshot>;

export const TodayCalls = z.object({ items: z.array(Interaction) });
export type TodayCalls = z.infer<typeof TodayCalls>;

export const CallEndedEvent = z.object({ callId: z.string(), interactionId: z.number().int(), endReason: EndReason });
export type CallEndedEvent = z.infer<typeof CallEndedEvent>;
