// What a transfer carries from the call log: the transferring agent's notes so far and the cases
// linked to the call. Read when the agent presses "Transfer now", after the call's writes so far.
import type { Db } from '../../platform/db/database.js';
import type { TransferNotes } from '../../acd/call-transfers.js';
import type { InteractionRepository } from './interaction.repository.js';

export class TransferContextRepository {
  constructor(
    private readonly db: Db,
    private readonly interactions: InteractionRepository,
  ) {}

  async of(interactionId: number, reason: string | null): Promise<TransferNotes> {
    const [interaction, cases] = await Promise.all([
      this.interactions.findById(interactionId),
      this.db('interaction_links as l')
        .join('tickets as t', 't.id', 'l.ticket_id')
        .where('l.interaction_id', interactionId)
        .orderBy('l.linked_at')
        .select('t.id', 't.number', 't.subject') as Promise<{ id: string | number; number: string; subject: string }[]>,
    ]);
    const notes = interaction?.notes?.trim() ? interaction.notes : null;
    return { reason, notes, cases: cases.map((c) => ({ id: Number(c.id), title: `${c.number} ${c.subject}` })) };
  }
}
