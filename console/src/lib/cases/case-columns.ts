// The columns of a case table: which cells sit between the case number and the table's own last
// cells, and their headings. Every case table (open, recent, mine, the list, escalations) uses
// these, so a column reads the same wherever it appears.
import { t } from '../i18n/index.svelte.js';

/** The cells a case table shows between the case number and its own last cells, in order. */
export type CaseColumn = 'kind' | 'subject' | 'customer' | 'status' | 'priority' | 'assignee' | 'assigneeAndTeam';

function heading(column: CaseColumn): string {
  switch (column) {
    case 'kind':
      return t('cases.col.kind');
    case 'subject':
      return t('cases.col.subject');
    case 'customer':
      return t('caseList.col.customer');
    case 'status':
      return t('cases.col.status');
    case 'priority':
      return t('cases.col.priority');
    case 'assignee':
    case 'assigneeAndTeam':
      return t('cases.col.assignee');
  }
}

/** The headings of a case table: the number, the columns, then the table's own last cells. */
export function caseHeadings(columns: readonly CaseColumn[], after: readonly string[], numberLabel?: string): string[] {
  return [numberLabel ?? t('cases.col.number'), ...columns.map(heading), ...after];
}
