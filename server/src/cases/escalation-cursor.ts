// The escalation list's paging cursor: opaque to clients, checked when it comes back.
import type { EscalationView } from '../../../contract/index.js';
import { fieldError, invalid } from '../platform/domain-error.js';
import type { EscalationCursor } from './data/escalation.repository.js';

/** The cursor just after `last`, the final row of a page. */
export function escalationCursorAfter(last: EscalationView): string {
  const acknowledged = last.acknowledgedAt === null ? 0 : 1;
  return Buffer.from(`${acknowledged}|${last.firedAt}|${last.id}`).toString('base64url');
}

export function decodeEscalationCursor(s: string): EscalationCursor {
  const [acknowledged, at, id, ...rest] = Buffer.from(s, 'base64url').toString('utf8').split('|');
  const firedAt = new Date(at ?? '');
  const n = Number(id);
  if (rest.length > 0 || (acknowledged !== '0' && acknowledged !== '1') || Number.isNaN(firedAt.getTime()) || !Number.isSafeInteger(n) || n <= 0) {
    throw invalid([fieldError('cursor', 'request.badCursor')]);
  }
  return { acknowledged: acknowledged === '1', firedAt, id: n };
}
