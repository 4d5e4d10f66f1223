// English messages of call recordings: the desk's indicator and buttons, the queue's policy,
// and the player in a customer's call history.
export const recordingsEn = {
  'recording.title': 'Call recording',
  'recording.state.available': 'Not recording',
  'recording.state.recording': 'Recording',
  'recording.state.paused': 'Recording paused',
  'recording.state.failed': 'Recording failed: this call is not recorded',
  'recording.start': 'Start recording',
  'recording.pause': 'Pause recording',
  'recording.resume': 'Resume recording',
  'recording.pausedHint': 'Nothing is recorded now: the caller can read out card numbers.',
  'shortcuts.recording': 'Start, pause or resume the call recording',

  'queues.recording': 'Call recording',
  'queues.recordingHint': 'Applies to calls from phone lines, whose audio passes the media plane.',
  'queues.recordingPolicy.all': 'Record every call',
  'queues.recordingPolicy.none': 'Do not record',
  'queues.recordingPolicy.on_demand': 'Record when the agent starts it',

  'history.recording': 'Recording',
  'history.recordingPlayer': 'Recording of the call on {when}',
  'history.recordingState.recording': 'Being recorded',
  'history.recordingState.failed': 'Recording failed: {reason}',
  'history.recordingPaused': 'Paused {count} time(s) for card numbers',
} as const;
