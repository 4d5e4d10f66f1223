// What the call center needs from the rest of the server, as narrow ports: the composition
// root fills them (the call log and the survey live in cti, the pop in customers).
import type { LiveCallView, ScreenPop } from '../../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import type { Clock } from '../platform/clock.js';
import type { DirectCall } from '../switch/ports.js';
import type { QueueDirectoryRepository } from './data/queue-directory.repository.js';
import type { AgentRegistry } from './agent-registry.js';
import type { CallFacts } from './call-facts.js';

/** Calls outside any queue: logged and shown by cti; the ACD only passes them on. */
export interface DirectCalls {
  handle(call: DirectCall, change: 'started' | 'answered' | 'ended', endedBy?: 'caller' | 'callee' | 'failed'): void;
  /** False when the call is not one of these. */
  updateScreenPop(callId: string, pop: ScreenPop): boolean;
  currentView(callId: string): LiveCallView | null;
}

/** The satisfaction survey the caller is handed to after the agent hangs up (cti). */
export interface AfterCallSurvey {
  has(callId: string): boolean;
  start(callId: string, interactionId: number): void;
  digit(callId: string, digit: string): void;
  callerLeft(callId: string): void;
}

export interface CallCenterDeps {
  directory: QueueDirectoryRepository;
  agents: AgentRegistry;
  /** Where the call facts go (the call-log writer and the notifier subscribe). */
  facts: CallFacts;
  clock: Clock;
  log: Logger;
  /** The screen-pop for a caller number, with the customers matched (system view). */
  screenPop(callerNumber: string): Promise<ScreenPop>;
  /** An interaction id for a new call, drawn before its row is written. */
  nextInteractionId(): Promise<number>;
  directCalls: DirectCalls;
  survey: AfterCallSurvey;
  /** A dialled number in E.164 (the server's default region), or null: matches queues' and agents' numbers. */
  normalizeNumber?(dialled: string): string | null;
  /** How long a call transferred to a queue waits there before it comes back (default 60 s). */
  transferReturnSeconds?: number;
  /** How long an agent's web phone has to dial a consult call once the colleague is picked (default 20 s). */
  consultDialSeconds?: number;
}
