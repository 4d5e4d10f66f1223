// A timeline event of a case in words. The server records what happened as a type and a detail
// object; this says it in the current language. Pure apart from the language.
import { CASE_STATUSES, FOLLOW_UP_OUTCOMES, PRIORITIES, SEVERITIES, type CaseStatus, type UserOptions } from '@kefu/contract';
import { formatDateTime } from '../shared/format.js';
import { t, type MessageKey } from '../i18n/index.svelte.js';

export interface EventWords {
  title: string;
  /** A note, a reason: text the agent or the system wrote. */
  body: string | null;
}

type Detail = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

function statusWords(v: unknown): string {
  return isOneOf<CaseStatus>(CASE_STATUSES, v) ? t(`caseStatus.${v}`) : String(v ?? '—');
}

function clockWords(v: unknown): string {
  return v === 'acknowledge' ? t('timeline.clock.acknowledge') : t('timeline.clock.resolve');
}

/** Field names of an edit, with old → new for the short closed values. */
function changeWords(changes: unknown, directory: UserOptions | null): string {
  if (typeof changes !== 'object' || changes === null) return '';
  const parts: string[] = [];
  for (const [field, change] of Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>)) {
    const name = t(`timeline.field.${field}` as MessageKey) ?? field;
    const to = change?.to;
    if (field === 'priority' && isOneOf(PRIORITIES, to)) parts.push(`${name}: ${t(`priorityName.${to}`)}`);
    else if (field === 'severity' && isOneOf(SEVERITIES, to)) parts.push(`${name}: ${t(`severityName.${to}`)}`);
    else if (field === 'assigneeId') parts.push(`${name}: ${personName(to, directory)}`);
    else parts.push(name);
  }
  return parts.join(t('common.listSeparator'));
}

function personName(id: unknown, directory: UserOptions | null): string {
  if (id === null || id === undefined) return t('cases.unassigned');
  return directory?.users.find((u) => u.id === id)?.displayName ?? `#${String(id)}`;
}

function followUpWords(d: Detail): EventWords {
  if (isOneOf(FOLLOW_UP_OUTCOMES, d.outcome)) {
    const next = str(d.nextDueAt);
    const title = t('timeline.followUpOutcome', { outcome: t(`followUpOutcome.${d.outcome}`) });
    return { title: next ? `${title}${t('common.sentenceSeparator')}${t('timeline.nextTry', { date: formatDateTime(next) })}` : title, body: str(d.note) };
  }
  const due = str(d.dueAt);
  const key = d.reason === 'on_resolve' ? 'timeline.followUpAuto' : 'timeline.followUpScheduled';
  return { title: t(key, { date: due ? formatDateTime(due) : '—' }), body: str(d.note) };
}

export function eventWords(type: string, d: Detail, directory: UserOptions | null): EventWords {
  switch (type) {
    case 'created':
      return { title: t('timeline.created', { number: String(d.number ?? '') }), body: null };
    case 'status':
      return { title: t('timeline.status', { from: statusWords(d.from), to: statusWords(d.to) }), body: str(d.note) };
    case 'assigned':
    case 'field':
      return { title: t('timeline.changed', { fields: changeWords(d.changes, directory) }), body: null };
    case 'note':
      return { title: t('timeline.note'), body: str(d.text) };
    case 'contact_attempt':
      return { title: t('timeline.contactAttempt'), body: str(d.note) };
    case 'linked':
      return { title: d.followUpId ? t('timeline.linkedFollowUp') : t('timeline.linked'), body: null };
    case 'unlinked':
      return { title: t('timeline.unlinked'), body: null };
    case 'at_risk':
      return { title: t('timeline.atRisk', { clock: clockWords(d.clock) }), body: null };
    case 'breached':
      return { title: t('timeline.breached', { clock: clockWords(d.clock) }), body: null };
    case 'escalated':
      return { title: t('timeline.escalated', { clock: clockWords(d.clock) }), body: null };
    case 'follow_up':
      return followUpWords(d);
    default:
      return { title: type, body: null };
  }
}
