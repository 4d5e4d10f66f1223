// A lead's status: new → contacted → interested → converted / lost. One transition table, one
// function that applies it; an outcome that would move a lead backwards leaves it where it is
// (a second "interested" call does not make an interested lead merely contacted).
import type { CallOutcome, LeadStatus } from '../../../../contract/index.js';

/** The moves allowed from each status; converted and lost are final. */
export const LEAD_TRANSITIONS: Readonly<Record<LeadStatus, readonly LeadStatus[]>> = {
  new: ['contacted', 'interested', 'converted', 'lost'],
  contacted: ['interested', 'converted', 'lost'],
  interested: ['converted', 'lost'],
  converted: [],
  lost: [],
};

export const isFinalStatus = (s: LeadStatus): boolean => LEAD_TRANSITIONS[s].length === 0;

export class IllegalLeadTransition extends Error {
  constructor(readonly from: LeadStatus, readonly to: LeadStatus) {
    super(`A lead cannot go from ${from} to ${to}`);
    this.name = 'IllegalLeadTransition';
  }
}

/** Applies one move; throws on a move the table does not allow (a bug in the caller). */
export function transitionLead(from: LeadStatus, to: LeadStatus): LeadStatus {
  if (from === to) return from;
  if (!LEAD_TRANSITIONS[from].includes(to)) throw new IllegalLeadTransition(from, to);
  return to;
}

/** Where an outcome points: null when it says nothing about the person (nobody was reached). */
function statusOfOutcome(outcome: CallOutcome): LeadStatus | null {
  switch (outcome) {
    case 'no_answer':
    case 'busy':
    case 'voicemail':
    case 'abandoned':
      return null;
    case 'callback':
      return 'contacted';
    case 'interested':
      return 'interested';
    case 'sale':
      return 'converted';
    case 'not_interested':
    case 'wrong_number':
    case 'dnc_request':
      return 'lost';
  }
}

const RANK: Readonly<Record<LeadStatus, number>> = { new: 0, contacted: 1, interested: 2, converted: 3, lost: 3 };

/** The status after a call with this outcome; a final status never changes. */
export function statusAfter(current: LeadStatus, outcome: CallOutcome): LeadStatus {
  const target = statusOfOutcome(outcome);
  if (target === null || isFinalStatus(current) || RANK[target] <= RANK[current]) return current;
  return transitionLead(current, target);
}
