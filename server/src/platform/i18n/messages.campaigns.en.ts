// The campaigns room's messages in English (spread into messages.en.ts).
export const CAMPAIGN_MESSAGES_EN = {
  'campaign.csvExpected': 'Send the list as CSV (Content-Type: text/csv), its first line the column names',
  'campaign.noPhoneColumn': "The file has no '{column}' column; name the column that holds the numbers",
  'campaign.csvUnreadable': 'The file is not readable CSV: {detail}',
  'campaign.fileTooLarge': 'The file is larger than {mb} MB; split it',
  'campaign.changedMeanwhile': 'This campaign was changed by someone else; reload and try again',
  'campaign.cannotStart': 'A {status} campaign cannot be started',
  'campaign.cannotPause': 'Only a running campaign can be paused',
  'campaign.notCallTakers': 'Only active agents and supervisors can work a campaign: {ids}',
  'campaign.callbackNeedsTime': 'A callback needs the time to call back (callbackAt)',
  'campaign.leadNotReserved': 'This lead is not on your desk; take the next lead first',
  'campaign.notRunning': 'The campaign is not running',
} as const;
