// The edit form of a case: what the agent typed, and the changes against the case it started from.
import type { CaseDetail, ComplaintChannel, Priority, RootCause, Severity } from '@kefu/contract';
import type { FieldChanges } from './case-record.svelte.js';
import { splitTags } from '../customers/customer-form.svelte.js';

/** A select's value for "customer confirmed": not asked yet, yes, no. */
export type Confirmation = '' | 'yes' | 'no';

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const confirmationOf = (v: boolean | null): Confirmation => (v === null ? '' : v ? 'yes' : 'no');
const booleanOf = (v: Confirmation): boolean | null => (v === '' ? null : v === 'yes');

interface DraftValues {
  subject: string;
  description: string;
  priority: Priority;
  category: string;
  tags: string;
  assignee: string;
  channel: ComplaintChannel | '';
  severity: Severity;
  rootCause: RootCause | '';
  resolution: string;
  compensation: string;
  confirmed: Confirmation;
}

function valuesOf(c: CaseDetail): DraftValues {
  return {
    subject: c.subject,
    description: c.description ?? '',
    priority: c.priority,
    category: c.category ?? '',
    tags: c.tags.join(', '),
    assignee: c.assigneeId === null ? '' : String(c.assigneeId),
    channel: c.channel ?? '',
    severity: c.severity ?? 'medium',
    rootCause: c.rootCause ?? '',
    resolution: c.resolution ?? '',
    compensation: c.compensation ?? '',
    confirmed: confirmationOf(c.customerConfirmed),
  };
}

export class CaseDraft implements DraftValues {
  subject = $state('');
  description = $state('');
  priority = $state<Priority>('P3');
  category = $state('');
  tags = $state('');
  /** A user id, or '' for unassigned. */
  assignee = $state('');
  channel = $state<ComplaintChannel | ''>('');
  severity = $state<Severity>('medium');
  rootCause = $state<RootCause | ''>('');
  resolution = $state('');
  compensation = $state('');
  confirmed = $state<Confirmation>('');

  /** The case the draft started from: fields still equal to it are untouched. */
  #from: CaseDetail;

  constructor(c: CaseDetail) {
    this.#from = c;
    this.reset(c);
  }

  reset(c: CaseDetail): void {
    this.#from = c;
    Object.assign(this, valuesOf(c));
  }

  /**
   * The case moved on under the form (a status change made here resolved it, say): fields the
   * agent has not touched follow it; typed ones stay as typed.
   */
  rebase(c: CaseDetail): void {
    if (c === this.#from) return;
    const before = valuesOf(this.#from);
    const after = valuesOf(c);
    for (const key of Object.keys(after) as (keyof DraftValues)[]) {
      if (this[key] === before[key]) (this as Record<keyof DraftValues, unknown>)[key] = after[key];
    }
    this.#from = c;
  }

  /** Only what differs from `c`; `{}` when nothing does. */
  changes(c: CaseDetail): FieldChanges {
    const out: FieldChanges = {};
    const subject = this.subject.trim();
    if (subject !== c.subject) out.subject = subject;
    const description = orNull(this.description);
    if (description !== (c.description ?? null)) out.description = description;
    if (this.priority !== c.priority) out.priority = this.priority;
    const category = orNull(this.category);
    if (category !== (c.category ?? null)) out.category = category;
    const tags = splitTags(this.tags);
    if (JSON.stringify(tags) !== JSON.stringify(c.tags)) out.tags = tags;
    const assigneeId = this.assignee === '' ? null : Number(this.assignee);
    if (assigneeId !== c.assigneeId) out.assigneeId = assigneeId;
    if (c.kind === 'complaint') {
      const channel = this.channel === '' ? null : this.channel;
      if (channel !== c.channel) out.channel = channel;
      if (this.severity !== c.severity) out.severity = this.severity;
      const rootCause = this.rootCause === '' ? null : this.rootCause;
      if (rootCause !== c.rootCause) out.rootCause = rootCause;
      const resolution = orNull(this.resolution);
      if (resolution !== (c.resolution ?? null)) out.resolution = resolution;
      const compensation = orNull(this.compensation);
      if (compensation !== (c.compensation ?? null)) out.compensation = compensation;
      const confirmed = booleanOf(this.confirmed);
      if (confirmed !== c.customerConfirmed) out.customerConfirmed = confirmed;
    }
    return out;
  }
}
