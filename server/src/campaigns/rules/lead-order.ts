// The order leads are dialled in: callbacks that are due first (the customer is waiting), then by
// the campaign's order (priority, score or value tier, highest first), then oldest lead first.
import type { LeadOrder, ValueTier } from '../../../../contract/index.js';

export interface OrderedLead {
  id: number;
  priority: number;
  score: number;
  valueTier: ValueTier;
  callbackAt: number | null;
}

const TIER_RANK: Readonly<Record<ValueTier, number>> = { vip: 3, gold: 2, silver: 1, standard: 0 };

export function leadComparator(order: LeadOrder, now: number): (a: OrderedLead, b: OrderedLead) => number {
  const key = (l: OrderedLead): number => (order === 'priority' ? l.priority : order === 'score' ? l.score : TIER_RANK[l.valueTier]);
  const due = (l: OrderedLead): number => (l.callbackAt !== null && l.callbackAt <= now ? 1 : 0);
  return (a, b) => due(b) - due(a) || key(b) - key(a) || a.id - b.id;
}
