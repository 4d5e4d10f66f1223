// The contract's own validation messages, by code. A refinement names its code with `coded()`,
// so the server's edge writes the message in the viewer's language from the code and its
// params (server/src/platform/i18n), never by reading the English back. The English is
// written here once; the server's catalogue includes these codes.

export const CONTRACT_MESSAGES_EN = {
  'input.nothingToChange': 'Nothing to change',
  'customers.phoneOrQuery': 'Give exactly one of phone or q',
  'cases.complaintNeedsCategory': 'A complaint needs a category: {categories}',
  'cases.complaintNeedsSeverity': 'A complaint needs a severity',
  'report.fromBeforeTo': 'from must be before to',
  'sla.longerThanAYear': 'An SLA longer than a year is surely a typo',
  'sla.ackAfterResolve': 'A {severity} complaint would be due for acknowledgement after its resolution',
  'sla.ackAfterResolveInCategory': 'A {severity} {category} complaint would be due for acknowledgement after its resolution',
  'calendar.timeOfDay': "Use a 24-hour time 'HH:MM' from '00:00' to '24:00'",
  'calendar.endAfterStart': 'The end must be after the start; split hours that pass midnight into two days',
  'calendar.overlap': '{start}–{end} overlaps {otherStart}–{otherEnd}',
  'calendar.realDate': "Use a real date written 'YYYY-MM-DD'",
  'calendar.unknownTimeZone': "Unknown time zone '{zone}'; use an IANA name such as 'Asia/Shanghai'",
  'calendar.sevenWeekdays': 'Give the hours of all 7 weekdays, Sunday first (an empty list for a closed day)',
  'calendar.someOpenWeekday': 'At least one weekday needs opening hours',
  'calendar.extraDayHoursMissing': "Extra working days take {weekday}'s hours, and {weekday} has none",
  'calendar.holidayAndExtraDay': '{date} is also listed as a holiday',
  'retention.auditKeptForGood': 'Audit entries are kept for the period set by KEFU_AUDIT_RETENTION_DAYS (3 years by default), not here',
  'privacy.roleOnce': 'List each role once',
} as const;

export type ContractMessageKey = keyof typeof CONTRACT_MESSAGES_EN;
export type ContractMessageParams = Readonly<Record<string, string | number>>;

/** An English list for a message: "a, b or c". */
export function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** How a coded refinement carries its code through zod: in the custom issue's params. */
export interface CodedIssueParams {
  readonly messageKey: ContractMessageKey;
  readonly messageParams?: ContractMessageParams;
}

const fill = (template: string, params: ContractMessageParams = {}) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));

/**
 * The options of a zod refinement or custom issue whose message has a code: the English text for
 * logs and tests, and the code and params the viewer's language is written from.
 */
export function coded(key: ContractMessageKey, params?: ContractMessageParams): { message: string; params: CodedIssueParams } {
  return { message: fill(CONTRACT_MESSAGES_EN[key], params), params: params ? { messageKey: key, messageParams: params } : { messageKey: key } };
}

/** The code a zod issue carries, when its refinement named one with `coded()`. */
export function codeOfIssue(issue: { code: string; params?: Record<string, unknown> }): CodedIssueParams | null {
  if (issue.code !== 'custom' || !issue.params) return null;
  const key = issue.params['messageKey'];
  if (typeof key !== 'string' || !Object.hasOwn(CONTRACT_MESSAGES_EN, key)) return null;
  const params = issue.params['messageParams'];
  return { messageKey: key as ContractMessageKey, ...(params && typeof params === 'object' ? { messageParams: params as ContractMessageParams } : {}) };
}
