// Call recordings: each queue's policy, what the agent's desk shows and commands during a call,
// and the recordings of a customer's calls as their history lists them.
import { z } from 'zod';

const RowId = z.number().int().positive().max(2_147_483_647);

/** Whether a queue's calls (through the media plane) are recorded: all, none, or when the agent starts it. */
export const RECORDING_POLICIES = ['all', 'none', 'on_demand'] as const;
export const RecordingPolicy = z.enum(RECORDING_POLICIES);
export type RecordingPolicy = z.infer<typeof RecordingPolicy>;

/**
 * The current call's recording as the desk shows it: `available` (on demand, not started yet),
 * `recording`, `paused` (card numbers: nothing is captured), or `failed` (the call goes on).
 */
export const DESK_RECORDING_STATES = ['available', 'recording', 'paused', 'failed'] as const;
export const DeskRecordingState = z.enum(DESK_RECORDING_STATES);
export type DeskRecordingState = z.infer<typeof DeskRecordingState>;

export const CallRecordingView = z.object({
  callId: z.string(),
  interactionId: z.number().int().positive(),
  state: DeskRecordingState,
  /** Why the media plane did not record; null unless failed. */
  failure: z.string().nullable(),
});
export type CallRecordingView = z.infer<typeof CallRecordingView>;

/** The agent starts (on-demand queues), pauses or resumes the recording of their current call. */
export const RECORDING_ACTIONS = ['start', 'pause', 'resume'] as const;
export const RecordingAction = z.enum(RECORDING_ACTIONS);
export type RecordingAction = z.infer<typeof RecordingAction>;
export const RecordingCommand = z.object({ callId: z.string().min(1).max(100), action: RecordingAction }).strict();
export type RecordingCommand = z.infer<typeof RecordingCommand>;

/** A stored recording's state: still being made, ready to play, or failed (with the reason). */
export const RECORDING_STATES = ['recording', 'ready', 'failed'] as const;
export const RecordingState = z.enum(RECORDING_STATES);
export type RecordingState = z.infer<typeof RecordingState>;

export const PausedSpan = z.object({ from: z.string(), to: z.string().nullable() });
export type PausedSpan = z.infer<typeof PausedSpan>;

export const RecordingView = z.object({
  id: RowId,
  interactionId: z.number().int().positive(),
  agentId: RowId.nullable(),
  agentName: z.string().nullable(),
  startedBy: z.enum(['policy', 'agent']),
  state: RecordingState,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().int().nonnegative().nullable(),
  pausedSpans: z.array(PausedSpan),
  failureReason: z.string().nullable(),
});
export type RecordingView = z.infer<typeof RecordingView>;

export const RecordingListQuery = z.object({ customerId: z.coerce.number().int().positive().max(2_147_483_647) }).strict();
export type RecordingListQuery = z.infer<typeof RecordingListQuery>;
export const RecordingList = z.object({ items: z.array(RecordingView) });
export type RecordingList = z.infer<typeof RecordingList>;
