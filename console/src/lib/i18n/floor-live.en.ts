// English messages of the Floor page's live waiting calls and of changing an agent's queues and
// skills from the floor.
export const floorLiveEn = {
  'floorLive.waitingLive': 'Updated live as callers join and leave the queues.',
  'floorLive.waitingAsLoaded': 'As of the last refresh (live updates are off).',
  'floorLive.routing': 'Queues and skills',
  'floorLive.routingOf': 'Queues and skills of {name}',
  'floorLive.routingTitle': '{name}: queues and skills',
  'floorLive.routingHint': 'Changes apply to the next call offered; a call in progress is not affected.',
  'floorLive.routingEscape': 'Escape closes it.',
  'floorLive.routingClose': 'Close',
  'floorLive.routingSaved': '{name}’s queues and skills were saved.',
  'floorLive.routingLoadFailed': 'The queues and skills could not be loaded. {error}',
} as const;
