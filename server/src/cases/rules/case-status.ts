// The status machine of tickets and complaints. Every change goes through applyCaseTransition(),
// which refuses moves the table does not allow and enforces the complaint rules.
//
//   from \ action     open   acknowledge*  pend              resolve   close    reopen
//   new               open   open          –                 resolved  –        –
//   open              –      (stays open)  pending_customer  resolved  –        –
//   pending_customer  open   (stays)       –                 resolved  –        –
//   resolved          –      –             –                 –         closed   open
//   closed            –      –             –                 –         –        open
//   * complaints only
//
// new → resolved is first-contact resolution, which a contact center wants to allow.
// Complaints also have `acknowledge` (from new, open or pending customer, once). Opening or
// resolving an unacknowledged complaint acknowledges it too: the customer has heard from us.
// A closed case can be reopened within a window (30 days by default), after which a new case is
// the honest record.
import { orList, type CaseKind, type CaseStatus } from '../../../../contract/index.js';
import { DomainError, fieldError, invalid, type KeyedFieldError } from '../../platform/domain-error.js';
import { DAY_MS } from '../../platform/time-zone.js';
import { msg } from '../../platform/i18n/message.js';

export type CaseAction =
  | { type: 'open' }
  | { type: 'acknowledge' }
  | { type: 'pend' }
  /** For complaints, resolution text and root-cause code, unless the case already has them. */
  | { type: 'resolve'; resolution?: string; rootCause?: string }
  | { type: 'close' }
  | { type: 'reopen' };
export type CaseActionType = CaseAction['type'];
export const CASE_ACTION_TYPES: readonly CaseActionType[] = ['open', 'acknowledge', 'pend', 'resolve', 'close', 'reopen'];

/** The stored facts the rules look at. */
export interface CaseSnapshot {
  kind: CaseKind;
  status: CaseStatus;
  acknowledgedAt: Date | null;
  resolution: string | null;
  rootCause: string | null;
  customerConfirmed: boolean | null;
  /** Follow-up contact attempts logged since the latest resolution (see follow-up.ts). */
  contactAttempts: number;
  closedAt: Date | null;
}

/** Columns to write; absent ones stay as they are. */
export interface CaseChanges {
  status: CaseStatus;
  acknowledgedAt?: Date;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  resolution?: string;
  rootCause?: string;
  customerConfirmed?: null;
  contactAttempts?: 0;
}

/**
 * What to do with the resolve SLA clock (sla-status.ts): pause on pending customer, resume when
 * the case is back with us, stop when resolved (resume first if it was paused), restart with a
 * new due time (resolveDueFrom) when reopened.
 */
export type ResolveClockEffect = 'pause' | 'resume' | 'stop' | 'restart' | null;

export interface CaseTransition {
  changes: CaseChanges;
  resolveClock: ResolveClockEffect;
}

export interface CaseTransitionOptions {
  /** Days after closing during which a closed case may be reopened; null for no limit. */
  reopenClosedWithinDays: number | null;
}
export const DEFAULT_CASE_TRANSITION_OPTIONS: CaseTransitionOptions = { reopenClosedWithinDays: 30 };

const ROOT_CAUSE_MAX = 60; // the width of tickets.root_cause

const COMMON: Record<CaseStatus, CaseActionType[]> = {
  new: ['open', 'resolve'],
  open: ['pend', 'resolve'],
  pending_customer: ['open', 'resolve'],
  resolved: ['close', 'reopen'],
  closed: ['reopen'],
};
const ACTIONS: Record<CaseKind, Record<CaseStatus, CaseActionType[]>> = {
  ticket: COMMON,
  complaint: {
    ...COMMON,
    new: ['open', 'acknowledge', 'resolve'],
    open: ['acknowledge', 'pend', 'resolve'],
    pending_customer: ['open', 'acknowledge', 'resolve'],
  },
};

/** The actions the table allows from a status (guards may still refuse one), e.g. for buttons. */
export function allowedCaseActions(kind: CaseKind, status: CaseStatus): readonly CaseActionType[] {
  return ACTIONS[kind][status];
}

/**
 * The moves the machine offers this case now: the table, less acknowledging a complaint that
 * already was (acknowledging happens once). Guards that need more than the status are left to
 * applyCaseTransition, which refuses with a reason the user can act on: a complaint's resolution
 * and root cause before resolving, its confirmation or a contact attempt before closing, and the
 * reopen window (past it, the refusal says to open a new case).
 */
export function offeredCaseActions(c: Pick<CaseSnapshot, 'kind' | 'status' | 'acknowledgedAt'>): readonly CaseActionType[] {
  const actions = ACTIONS[c.kind][c.status];
  return c.acknowledgedAt ? actions.filter((a) => a !== 'acknowledge') : actions;
}

const STATUS_PHRASE: Record<CaseStatus, (kind: CaseKind) => string> = {
  new: (k) => `A new ${k}`,
  open: (k) => `An open ${k}`,
  pending_customer: (k) => `A ${k} waiting for the customer`,
  resolved: (k) => `A resolved ${k}`,
  closed: (k) => `A closed ${k}`,
};
const ACTION_PHRASE: Record<CaseActionType, string> = {
  open: 'opened',
  acknowledge: 'acknowledged',
  pend: 'moved to pending customer',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
};

function refuse(kind: CaseKind, status: CaseStatus, action: CaseActionType): DomainError {
  const allowed = ACTIONS[kind][status].map((a) => ACTION_PHRASE[a]);
  return new DomainError('CONFLICT', msg('case.transitionRefused', { subject: STATUS_PHRASE[status](kind), allowed: orList(allowed), refused: ACTION_PHRASE[action] }));
}

const text = (s: string | null | undefined) => (s ?? '').trim();

function resolveChanges(current: CaseSnapshot, action: Extract<CaseAction, { type: 'resolve' }>, now: Date): CaseChanges {
  const changes: CaseChanges = { status: 'resolved', resolvedAt: now };
  if (current.kind === 'ticket') {
    // tickets.resolution and root_cause are complaint fields; a ticket's outcome goes in a note.
    if (action.resolution !== undefined || action.rootCause !== undefined) {
      throw invalid([fieldError('resolution', 'case.ticketHasNoResolution')]);
    }
    return changes;
  }
  const resolution = text(action.resolution ?? current.resolution);
  const rootCause = text(action.rootCause ?? current.rootCause);
  const fields: KeyedFieldError[] = [];
  if (!resolution) fields.push(fieldError('resolution', 'case.resolutionRequired'));
  if (!rootCause) fields.push(fieldError('rootCause', 'case.rootCauseRequired'));
  else if (rootCause.length > ROOT_CAUSE_MAX) fields.push(fieldError('rootCause', 'case.rootCauseTooLong', { max: ROOT_CAUSE_MAX }));
  if (fields.length > 0) throw invalid(fields);
  changes.resolution = resolution;
  changes.rootCause = rootCause;
  if (!current.acknowledgedAt) changes.acknowledgedAt = now;
  return changes;
}

function assertComplaintClosable(current: CaseSnapshot): void {
  if (!text(current.resolution)) throw new DomainError('CONFLICT', msg('case.closeNeedsResolution'));
  if (current.customerConfirmed !== true && current.contactAttempts < 1) {
    throw new DomainError(
      'CONFLICT',
      msg('case.closeNeedsConfirmation'),
    );
  }
}

function assertReopenable(current: CaseSnapshot, now: Date, options: CaseTransitionOptions): void {
  const days = options.reopenClosedWithinDays;
  // A closed case without a closing time predates this rule; nothing to measure the window from.
  if (current.status !== 'closed' || days === null || current.closedAt === null) return;
  if (now.getTime() - current.closedAt.getTime() > days * DAY_MS) {
    throw new DomainError('CONFLICT', msg('case.reopenWindowPassed', { kind: current.kind, days }));
  }
}

/** The changes an action makes to a case at `now`, or a DomainError saying why it may not. */
export function applyCaseTransition(
  current: CaseSnapshot,
  action: CaseAction,
  now: Date,
  options: CaseTransitionOptions = DEFAULT_CASE_TRANSITION_OPTIONS,
): CaseTransition {
  if (!ACTIONS[current.kind][current.status].includes(action.type)) throw refuse(current.kind, current.status, action.type);
  const complaint = current.kind === 'complaint';
  switch (action.type) {
    case 'open': {
      const changes: CaseChanges = { status: 'open' };
      if (complaint && !current.acknowledgedAt) changes.acknowledgedAt = now;
      return { changes, resolveClock: current.status === 'pending_customer' ? 'resume' : null };
    }
    case 'acknowledge': {
      if (current.acknowledgedAt) throw new DomainError('CONFLICT', msg('case.alreadyAcknowledged'));
      const status = current.status === 'new' ? 'open' : current.status;
      return { changes: { status, acknowledgedAt: now }, resolveClock: null };
    }
    case 'pend':
      return { changes: { status: 'pending_customer' }, resolveClock: 'pause' };
    case 'resolve':
      return { changes: resolveChanges(current, action, now), resolveClock: 'stop' };
    case 'close':
      if (complaint) assertComplaintClosable(current);
      return { changes: { status: 'closed', closedAt: now }, resolveClock: null };
    case 'reopen': {
      assertReopenable(current, now, options);
      const changes: CaseChanges = { status: 'open', resolvedAt: null, closedAt: null };
      // The next resolution needs its own confirmation or contact attempt before closing.
      if (complaint) Object.assign(changes, { customerConfirmed: null, contactAttempts: 0 });
      return { changes, resolveClock: 'restart' };
    }
  }
}
