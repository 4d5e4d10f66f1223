/**
 * Plumbing shared by the call and registration state machines: a transition table written as
 * data and one function that applies it. Illegal moves throw instead of being ignored, so a bug
 * in event wiring shows up in a test rather than as a phone stuck in a wrong state.
 */

/** Which machine refused a move; lets a caller tell call errors from registration errors. */
export type MachineName = 'call' | 'registration';

/** Thrown when an event is not allowed in the current state. */
export class IllegalTransitionError extends Error {
  readonly code = 'ILLEGAL_TRANSITION' as const;

  constructor(
    readonly machine: MachineName,
    readonly from: string,
    readonly event: string,
  ) {
    super(`${machine}: "${event}" is not allowed in state "${from}"`);
    this.name = 'IllegalTransitionError';
  }
}

/** For every state, the events it accepts and the state each leads to. Missing = illegal. */
export type TransitionTable<S extends string, E extends string> = {
  readonly [K in S]: { readonly [V in E]?: S };
};

export interface StateMachine<S extends string, E extends string> {
  readonly table: TransitionTable<S, E>;
  /** The state `event` leads to from `state`; throws IllegalTransitionError if not allowed. */
  transition(state: S, event: E): S;
  /** True if `event` is allowed in `state`. */
  can(state: S, event: E): boolean;
}

export function defineMachine<S extends string, E extends string>(
  machine: MachineName,
  table: TransitionTable<S, E>,
): StateMachine<S, E> {
  return {
    table,
    transition(state, event) {
      const next = table[state][event];
      if (next === undefined) throw new IllegalTransitionError(machine, state, event);
      return next;
    },
    can(state, event) {
      return table[state][event] !== undefined;
    },
  };
}
