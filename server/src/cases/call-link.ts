// The one way a call gets tied to a case, for the case's Link call and a follow-up's outcome.
import type { Knex } from 'knex';
import type { Viewer } from '../identity/request-context.js';
import { fieldError, invalid } from '../platform/domain-error.js';
import type { CaseWriteRepository } from './data/case-write.repository.js';
import { callLinkRefusal } from './rules/call-link.js';

/**
 * Refuses a call the viewer may not link to a case of `customerId` (call-link.ts rules), else
 * writes the customer onto the call if it had none. Within the caller's transaction.
 */
export async function admitCallToCase(writes: CaseWriteRepository, trx: Knex.Transaction, viewer: Viewer, interactionId: number, customerId: number): Promise<void> {
  const call = await writes.callForLink(trx, interactionId);
  if (!call) throw invalid([fieldError('interactionId', 'callLink.noSuchCall')]);
  const refusal = callLinkRefusal(viewer, call, customerId);
  if (refusal) throw invalid([refusal]);
  if (call.customerId === null) await writes.identifyCall(trx, interactionId, customerId);
}
