// The contract of transfers: what travels with a transferred call to the next agent's desk,
// the transfer command, and the directory the agent picks a target from.
import { z } from 'zod';
import { AgentState } from './domain.js';

/** Shown on the receiving agent's screen-pop, before they answer. */
export const TransferContextView = z.object({
  /** Who transferred the call. */
  by: z.object({ id: z.number().int(), name: z.string() }),
  /** The one-line reason typed at transfer; null when none was given. */
  reason: z.string().nullable(),
  /** The transferring agent's notes so far. */
  notes: z.string().nullable(),
  /** The cases linked to the call while it was on their desk. */
  cases: z.array(z.object({ id: z.number().int(), title: z.string() })),
  at: z.string(),
});
export type TransferContextView = z.infer<typeof TransferContextView>;

export const TRANSFER_KINDS = ['blind', 'consult'] as const;
export const TransferKind = z.enum(TRANSFER_KINDS);
export type TransferKind = z.infer<typeof TransferKind>;

/** "Transfer now": `to` is an agent's name or extension, or a queue's name or number. */
export const TransferCommand = z
  .object({
    to: z.string().trim().min(1).max(100),
    // One line: the receiving agent reads it at a glance.
    reason: z
      .string()
      .trim()
      .max(200)
      .regex(/^[^\r\n]*$/)
      .optional(),
  })
  .strict();
export type TransferCommand = z.infer<typeof TransferCommand>;

export const TransferResult = z.object({
  kind: TransferKind,
  to: z.discriminatedUnion('type', [
    z.object({ type: z.literal('agent'), id: z.number().int(), name: z.string() }),
    z.object({ type: z.literal('queue'), id: z.number().int(), name: z.string() }),
  ]),
});
export type TransferResult = z.infer<typeof TransferResult>;

export const TransferDirectory = z.object({
  agents: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      extension: z.string().nullable(),
      state: AgentState,
      phoneReachable: z.boolean(),
    }),
  ),
  queues: z.array(z.object({ id: z.number().int(), name: z.string(), number: z.string().nullable() })),
});
export type TransferDirectory = z.infer<typeof TransferDirectory>;
