// The recording of a call on an agent's desk, as one transition table: what the queue's policy
// starts with when the agent answers, and which of the agent's commands moves it where.
//
//   answer ──policy all──▶ recording ◀──resume── paused
//          ──on demand──▶ available ──start──▶ recording ──pause──▶ paused
//          ──policy none─▶ (no recording: nothing on the desk)
//   the media plane refuses a start or resume ──▶ failed (the call goes on)
import type { DeskRecordingState, RecordingAction, RecordingPolicy } from '../../../../contract/index.js';
import type { MessageKey } from '../../platform/i18n/message.js';

/** What the desk shows once the agent answered; null: the call is not recorded and nothing shows. */
export function stateAtAnswer(policy: RecordingPolicy): 'start' | 'available' | null {
  switch (policy) {
    case 'all':
      return 'start';
    case 'on_demand':
      return 'available';
    case 'none':
      return null;
  }
}

export type Move = { ok: true; to: 'recording' | 'paused'; media: 'start' | 'stop' } | { ok: false; why: MessageKey };

const TABLE: Record<DeskRecordingState, Partial<Record<RecordingAction, Move>>> = {
  available: { start: { ok: true, to: 'recording', media: 'start' } },
  recording: { pause: { ok: true, to: 'paused', media: 'stop' } },
  paused: { resume: { ok: true, to: 'recording', media: 'start' } },
  failed: {},
};

/** Why each refused command is refused, by what it asked for. */
const REFUSAL: Record<RecordingAction, (from: DeskRecordingState) => MessageKey> = {
  start: (from) => (from === 'failed' ? 'recording.mediaFailed' : 'recording.alreadyStarted'),
  pause: (from) => (from === 'failed' ? 'recording.mediaFailed' : 'recording.notRunning'),
  resume: (from) => (from === 'failed' ? 'recording.mediaFailed' : 'recording.notPaused'),
};

export function move(from: DeskRecordingState, action: RecordingAction): Move {
  return TABLE[from][action] ?? { ok: false, why: REFUSAL[action](from) };
}
