// The user form's values to and from the API's shapes: empty fields mean "not given", so the
// server picks the extension and makes a one-time password.
import type { AdminUser, AdminUserCreate, AdminUserPatch, Role } from '@kefu/contract';

export interface UserFormValues {
  username: string;
  displayName: string;
  role: Role;
  /** '' for no team. */
  teamId: string;
  extension: string;
  password: string;
}

export const EMPTY_USER_FORM: UserFormValues = { username: '', displayName: '', role: 'agent', teamId: '', extension: '', password: '' };

export function formOf(u: AdminUser): UserFormValues {
  return { username: u.username, displayName: u.displayName, role: u.role, teamId: u.teamId === null ? '' : String(u.teamId), extension: u.extension ?? '', password: '' };
}

export function createBody(v: UserFormValues): AdminUserCreate {
  return {
    username: v.username.trim(),
    displayName: v.displayName.trim(),
    role: v.role,
    ...(v.teamId ? { teamId: Number(v.teamId) } : {}),
    ...(v.extension.trim() ? { extension: v.extension.trim() } : {}),
    ...(v.password ? { password: v.password } : {}),
  };
}

/** Only what changed, at the version the form was loaded with. */
export function patchBody(before: AdminUser, v: UserFormValues): AdminUserPatch {
  const teamId = v.teamId ? Number(v.teamId) : null;
  const extension = v.extension.trim() || null;
  return {
    version: before.version,
    ...(v.displayName.trim() !== before.displayName ? { displayName: v.displayName.trim() } : {}),
    ...(v.role !== before.role ? { role: v.role } : {}),
    ...(teamId !== before.teamId ? { teamId } : {}),
    ...(extension !== before.extension ? { extension } : {}),
  };
}
