// The server's user-facing messages in English, by code. A thrower names the code and its
// params (see message.ts); the English text is written here once, and every other language's
// catalogue keys on the same codes (messages.zh-CN.ts). `{name}` is replaced by the param.

export const MESSAGES_EN = {
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
} as const;

export type MessageKey = keyof typeof MESSAGES_EN;
