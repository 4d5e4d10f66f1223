// Call recordings, in English: a catalogue of its own, spread into messages.en.ts.
export const RECORDING_MESSAGES_EN = {
  'recording.noCall': 'That call is not on your desk, or it cannot be recorded',
  'recording.notAllowed': 'This call’s queue does not record calls',
  'recording.alreadyStarted': 'This call is already being recorded',
  'recording.notRunning': 'The recording is not running, so it cannot be paused',
  'recording.notPaused': 'The recording is not paused',
  'recording.mediaFailed': 'The media plane did not record this call; the call goes on',
  'recording.notReady': 'This recording cannot be played: it is not ready',
  'recording.fileMissing': 'The recording’s file is missing or damaged',
} as const;
