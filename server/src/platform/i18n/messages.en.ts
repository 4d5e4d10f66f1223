// The server's user-facing messages in English, by code. A thrower names the code and its
// params (see message.ts); the English text is written here once, and every other language's
// catalogue keys on the same codes (messages.zh-CN.ts). `{name}` is replaced by the param.

import { CONTRACT_MESSAGES_EN } from '../../../../contract/messages.js';
import { FLOOR_MESSAGES_EN } from './messages-floor.en.js';
import { MONITORING_MESSAGES_EN } from './messages-monitoring.en.js';
import { CAMPAIGN_MESSAGES_EN } from './messages.campaigns.en.js';
import { SEGMENT_MESSAGES_EN } from './messages.segments.en.js';
import { TRANSFER_MESSAGES_EN } from './messages-transfer.en.js';

export const MESSAGES_EN = {
  // The contract's validation messages (contract/messages.ts)
  ...CONTRACT_MESSAGES_EN,
  // Supervisors acting on the floor
  ...FLOOR_MESSAGES_EN,
  ...MONITORING_MESSAGES_EN,
  ...CAMPAIGN_MESSAGES_EN,
  ...SEGMENT_MESSAGES_EN,
  ...TRANSFER_MESSAGES_EN,

  // Signing in, roles and the request itself
  'auth.signInFirst': 'Sign in first',
  'auth.wrongPassword': 'Wrong username or password',
  'auth.tooManySignIns': 'Too many failed sign-ins. Try again later.',
  'auth.roleRefused': 'Your role may not do this',
  'access.forbidden': 'You are not allowed to do that',
  'request.crossSite': 'Cross-site request refused',
  'request.noSuchRoute': 'No such API route',
  'request.invalidJson': 'The body is not valid JSON',
  'request.malformedJson': 'Malformed JSON',
  'request.tooLarge': 'The body is too large',
  'request.unreadable': 'The body could not be read',
  'request.bad': 'Bad request',
  'request.nulCharacter': 'Contains a NUL character',
  'request.unknownField': 'Unknown field',
  'request.invalidInput': 'Invalid input: {fields}',
  'request.invalidPayload': 'Invalid: {fields}',
  'request.databaseUnavailable': 'The database is not reachable right now',
  'request.internal': 'Something went wrong on our side',
  'request.pingTakesEmpty': 'session:ping takes an empty object',
  'request.badCursor': 'Not a cursor this server gave out',
  'entity.notFound': '{what} not found',

  // Customers and people
  'phone.invalid': 'Not a valid phone number',
  'customer.forbidden': 'You are not allowed to see or change this customer',
  'user.noSuchUser': 'No such user',
  'team.noSuchTeam': 'No such team',
  'team.notInTeam': 'You are not in a team',

  // Calls, the agent desk, the web phone and wrap-up
  'softphone.tooMany': 'Too many web phones from this address. Try again later.',
  'softphone.extensionNumber': "This number is a kefu user's extension; a web phone cannot use it",
  'softphone.noExtension': 'You have no phone extension; ask an admin for one',
  'agent.notSetUp': 'You are not set up to take calls',
  'agent.transitionRefused': 'An agent who is {state} cannot {event}',
  'call.notYours': 'That is not your call',
  'call.notYourCurrent': 'That is not your current call',
  'call.notesOwnOnly': 'You can only write notes on your own calls',
  'wrapUp.dispositionToFinish': 'Choose a disposition for the call to finish wrap-up',
  'wrapUp.dispositionRequired': 'Choose a disposition for the call',
  'wrapUp.unknownDisposition': "Not a disposition of this call's queue: choose one of {codes}",
  // Tickets and complaints
  'case.notForRole': 'Cases are not part of your role',
  'case.changedMeanwhile': 'Someone else saved this case after you opened it. Reload to see their changes, then make yours again.',
  'case.editOwnOnly': "You can change your own cases, cases assigned to you and your team's unassigned ones",
  'case.cannotAssign': 'You cannot assign a case to that person',
  'case.complaintFieldsOnly': 'Severity, channel and root cause belong to complaints',
  'case.complaintCategoryChoice': 'A complaint category is product, service, billing, staff or other',
  'case.transitionRefused': '{subject} can only be {allowed}, not {refused}',
  'case.ticketHasNoResolution': 'A ticket has no resolution or root cause; write a note instead',
  'case.resolutionRequired': 'Say how the complaint was resolved',
  'case.rootCauseRequired': 'Give the root-cause code',
  'case.rootCauseTooLong': 'A root-cause code has at most {max} characters',
  'case.closeNeedsResolution': 'A complaint without a resolution cannot be closed',
  'case.closeNeedsConfirmation':
    'A complaint can be closed only once the customer has confirmed the fix or a follow-up contact has been attempted',
  'case.reopenWindowPassed': 'This {kind} was closed more than {days} days ago; open a new {kind} instead',
  'case.alreadyAcknowledged': 'This complaint has already been acknowledged',
  'case.needsCategory': 'A complaint needs a category: {categories}',
  'case.needsSeverity': 'A complaint needs a severity: {severities}',
  'sla.stoppedCannotPause': 'A stopped SLA clock cannot be paused',
  'sla.alreadyPaused': 'The SLA clock is already paused',
  'sla.notPaused': 'The SLA clock is not paused',
  'callLink.noSuchCall': 'No such call',
  'callLink.ownOnly': 'You can only link your own calls',
  'callLink.teamOnly': "You can only link your team's calls",
  'callLink.otherCustomer': 'That call is with another customer',

  // Follow-ups and escalations
  'followUp.changedMeanwhile': 'This follow-up was updated by someone else; reload it',
  'followUp.assignedToOther': 'This follow-up is assigned to someone else',
  'followUp.already': 'This follow-up is already {status}',
  'followUp.unknownOutcome': 'Unknown outcome; use one of {outcomes}',
  'followUp.noPhone': 'The customer has no phone number',
  'escalation.supervisorsOnly': 'Escalations go to supervisors',
  'escalation.notYours': 'This escalation was sent to someone else; only they or an admin can acknowledge it',

  // Reports and settings
  'report.supervisorsOnly': 'Reports are for supervisors and admins',
  'wallboard.supervisorsOnly': 'The wallboard is for supervisors and admins',
  'report.tooManyIntervals': 'That period has more than {max} intervals; choose a shorter period or a longer interval',
  'settings.changedMeanwhile': 'These settings were changed by someone else; reload and try again',

  // Administration: users and teams
  'admin.adminsOnly': 'Only admins manage users and teams',
  'user.usernameTaken': 'This username is taken',
  'user.extensionTaken': 'This extension belongs to someone else',
  'user.noFreeExtension': 'Every extension from 1001 to 8999 is taken; type one',
  'user.changedMeanwhile': 'This user was changed by someone else; reload and try again',
  'user.notYourself': 'You cannot deactivate yourself or take away your own admin role',
  'user.lastAdmin': 'At least one active admin must remain',
  'team.nameTaken': 'A team with this name exists',
  'team.changedMeanwhile': 'This team was changed by someone else; reload and try again',
  'team.supervisorRole': 'A team is led by an active supervisor or admin',
  // Administration: queues, phone numbers and skills
  'admin.setupAdminsOnly': 'Only admins manage queues, phone numbers and skills',
  'admin.notYourTeam': "Supervisors manage only their own team's agents",
  'admin.agentsOnly': 'Only agents and supervisors take calls, so only they have skills and queues',
  'queue.nameTaken': 'A queue with this name exists',
  'queue.changedMeanwhile': 'This queue was changed by someone else; reload and try again',
  'queue.noSuchQueue': 'No such queue',
  'queue.notItself': 'A queue cannot send its callers to itself',
  'queue.memberTakesCalls': 'Members are active agents or supervisors',
  'queue.memberRepeated': 'This person is already a member',
  'phoneNumber.invalid': '{number} is not a phone number',
  'phoneNumber.repeated': '{number} is listed twice',
  'phoneNumber.taken': '{number} already goes to {name}; one number has one destination',
  'phoneNumber.takenMeanwhile': 'One of these numbers was just given to something else; reload and try again',
  'phoneNumber.changedMeanwhile': 'This number was changed by someone else; reload and try again',
  'phoneNumber.agentTakesCalls': 'A number rings an active agent or supervisor',
  'skill.nameTaken': 'A skill with this name exists',
  'skill.changedMeanwhile': 'This skill was changed by someone else; reload and try again',
  'skill.noSuchSkill': 'No such skill',
  // Administration: Not-ready reasons and disposition codes
  'admin.codesAdminsOnly': 'Only admins change Not-ready reasons and disposition codes',
  'notReady.unknownReason': "'{code}' is not an active Not-ready reason: choose one of {codes}",
  'notReady.codeTaken': 'A Not-ready reason with this code exists',
  'notReady.systemCode': 'This code is one the system sets by itself ({codes}); choose another',
  'notReady.changedMeanwhile': 'This Not-ready reason was changed by someone else; reload and try again',
  'disposition.codeTaken': 'This code is already in the same list (the queue\'s own, or the shared codes)',
  'disposition.noSuchQueue': 'No such queue',
  'disposition.changedMeanwhile': 'This disposition code was changed by someone else; reload and try again',
  'auth.passwordChangeRequired': 'Set your own password before going on',
  'auth.currentPasswordWrong': 'The current password is wrong',
  'auth.samePassword': 'Choose a new password, not the one you have now',
  // Backups
  'backup.noDataKey': 'No data key to encrypt backups with: set KEFU_DATA_KEY or KEFU_DATA_KEY_FILE',
  'backup.badDataKey': 'The data key could not be read: {detail}',
  'backup.noPgDump': 'No pg_dump for PostgreSQL {server} was found (found: {found}). Install the PostgreSQL {server} client tools and set KEFU_PG_BIN_DIR to their bin directory',
  'backup.noPgRestore': 'No pg_restore able to read this backup (made by pg_dump {dump}) was found (found: {found}). Install the PostgreSQL {dump} client tools and set KEFU_PG_BIN_DIR to their bin directory',
  'backup.dumpFailed': 'pg_dump failed: {detail}',
  'backup.cannotWrite': 'Cannot write the backup into {dir}: {detail}',
  'backup.databaseUnreachable': 'The database could not be reached: {detail}',
  'backup.alreadyRunning': 'A backup is already running; wait for it to finish',
  'backup.failed': 'The backup failed; the server log has the details',

  // Personal data
  'erasure.heldByComplaint': 'This customer cannot be erased while a complaint is open (legal hold): {cases}',
  'erasure.heldByDispute': 'This customer cannot be erased while a dispute is open (legal hold): {cases}',
  // Dialling a masked number
  'privacy.dialNumberChanged': "This customer's numbers changed since the page was loaded; reload and choose the number again",
  'privacy.noSuchNumber': 'This customer has no number at that place in the list',
} as const;

export type MessageKey = keyof typeof MESSAGES_EN;
