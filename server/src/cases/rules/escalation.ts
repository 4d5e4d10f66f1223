// The scheduler's escalation decision for one case, as a pure function of what has already been
// passed and where its clocks stand now.
//
// Levels, in order, per clock:
//   at_risk          → supervisor                (the clock reads at_risk)
//   breached         → supervisor                (past due)
//   breached_level2  → supervisor_of_supervisor  (complaints only: still open after a further
//                                                 half of the budget, 150% used by default)
//
// Each level is passed at most once and in order: the stored state keeps the highest level passed
// per clock, so a repeated sweep fires nothing new. When a sweep finds a case several levels on
// (the scheduler was down), every level in between is passed in order, but at_risk is not sent
// when the case is already breached: its recipient gets the breach instead, and a stale "at risk"
// would only be noise. Breach levels are always sent, since each one tells someone new.
//
// Re-arming: when a clock's due time moves later (reopened, priority lowered, a pause credited)
// the levels it no longer reaches are forgotten, so they can fire again for the new deadline;
// levels still reached stay passed and are not repeated.
import type { CaseKind } from '../../../../contract/index.js';
import type { ClockReading, SlaClockName } from './sla-status.js';

export const ESCALATION_LEVELS = ['at_risk', 'breached', 'breached_level2'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export type EscalationTarget = 'supervisor' | 'supervisor_of_supervisor';

const TARGET: Record<EscalationLevel, EscalationTarget> = {
  at_risk: 'supervisor',
  breached: 'supervisor',
  breached_level2: 'supervisor_of_supervisor',
};

/** What the server stores per clock (a small JSON value): the due time it saw, the highest level passed. */
export interface ClockEscalationState {
  dueAtMs: number;
  passed: EscalationLevel | null;
}
export type EscalationState = Partial<Record<SlaClockName, ClockEscalationState>>;

export interface Escalation {
  clock: SlaClockName;
  level: EscalationLevel;
  to: EscalationTarget;
}

export interface EscalationOptions {
  /** Share of the budget used from which a breached complaint goes one level up. */
  level2AtUsedFraction: number;
}
export const DEFAULT_ESCALATION_OPTIONS: EscalationOptions = { level2AtUsedFraction: 1.5 };

export type ClockSnapshot = Pick<ClockReading, 'status' | 'running' | 'dueAt' | 'usedFraction'>;

const rank = (level: EscalationLevel | null) => (level === null ? -1 : ESCALATION_LEVELS.indexOf(level));

function levelReached(kind: CaseKind, r: ClockSnapshot, options: EscalationOptions): EscalationLevel | null {
  if (!r.running) return null;
  if (r.status === 'breached') return kind === 'complaint' && r.usedFraction >= options.level2AtUsedFraction ? 'breached_level2' : 'breached';
  return r.status === 'at_risk' ? 'at_risk' : null;
}

export interface EscalationDecision {
  fire: Escalation[];
  state: EscalationState;
}

/** The escalations to send now (in order) and the state to store for next time. */
export function decideEscalations(
  kind: CaseKind,
  stored: EscalationState,
  clocks: Partial<Record<SlaClockName, ClockSnapshot | null>>,
  options: EscalationOptions = DEFAULT_ESCALATION_OPTIONS,
): EscalationDecision {
  const fire: Escalation[] = [];
  const state: EscalationState = { ...stored };
  for (const clock of ['acknowledge', 'resolve'] as const) {
    const reading = clocks[clock];
    if (!reading) continue;
    const dueAtMs = reading.dueAt.getTime();
    const reached = levelReached(kind, reading, options);
    const before = stored[clock];
    let passed = before?.passed ?? null;
    if (before && dueAtMs > before.dueAtMs && rank(reached) < rank(passed)) passed = reached;
    for (let r = rank(passed) + 1; r <= rank(reached); r++) {
      const level = ESCALATION_LEVELS[r]!;
      if (level === 'at_risk' && rank(reached) > r) continue; // superseded by the breach
      fire.push({ clock, level, to: TARGET[level] });
    }
    state[clock] = { dueAtMs, passed: rank(reached) > rank(passed) ? reached : passed };
  }
  return { fire, state };
}
