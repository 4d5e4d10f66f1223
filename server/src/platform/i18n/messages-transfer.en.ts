// Transfers of a call to another agent or a queue, in English: a catalogue of its own, spread
// into messages.en.ts.
export const TRANSFER_MESSAGES_EN = {
  'transfer.noCall': 'You have no connected call to transfer',
  'transfer.unknownTarget': 'No agent, extension or queue is called "{to}"',
  'transfer.ambiguousTarget': '"{to}" matches more than one agent; use their extension',
  'transfer.toSelf': 'You cannot transfer a call to yourself',
  'transfer.targetNotFree': '{name} is not Ready for a call',
  'transfer.notPossible': 'This call cannot be transferred right now; try again in a moment',
  'consult.already': 'You are already consulting a colleague about this call; complete or cancel that first',
  'consult.none': 'You are not consulting anyone about this call',
  'consult.notAnswered': '{name} has not answered the consult call yet',
  'consult.queueBusy': 'Nobody in {queue} is Ready to be consulted',
} as const;
