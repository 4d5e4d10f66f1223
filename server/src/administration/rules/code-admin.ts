// What the admin pages of Not-ready reasons and disposition codes share: who may read and who
// may change them, and the audit entry of a change with its before and after.
import { forbidden } from '../../platform/domain-error.js';
import { msg } from '../../platform/i18n/message.js';
import type { RequestContext } from '../../identity/request-context.js';

/** Supervisors read the codes (they coach agents on them); only admins change them. */
export function requireCodeReader(ctx: RequestContext): void {
  if (ctx.viewer.role !== 'admin' && ctx.viewer.role !== 'supervisor') throw forbidden(msg('admin.codesAdminsOnly'));
}

export function requireCodeEditor(ctx: RequestContext): void {
  if (ctx.viewer.role !== 'admin') throw forbidden(msg('admin.codesAdminsOnly'));
}

/** The fields of a code the audit log compares: its words, order and state. */
export const auditedCodeFields = <T extends { label: string; labelZh: string; sort: number; active: boolean }>(c: T) => ({
  label: c.label,
  labelZh: c.labelZh,
  sort: c.sort,
  active: c.active,
});
