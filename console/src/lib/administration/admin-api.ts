// The requests of the administration pages: users and teams. Kept apart from api.ts so each
// area's requests grow without stepping on the others'.
import type {
  AdminPasswordResetDone,
  AdminTeam,
  AdminTeamCreate,
  AdminTeamList,
  AdminTeamPatch,
  AdminUser,
  AdminUserCreate,
  AdminUserCreated,
  AdminUserPage,
  AdminUserPatch,
  MeResponse,
  PasswordChange,
} from '@kefu/contract';
import { request } from '../shared/api.js';

/** Users per page of the users list. */
export const USER_PAGE_SIZE = 50;

export interface UserFilter {
  q: string;
  role: string;
  active: '' | 'true' | 'false';
}

export const adminApi = {
  users: (f: UserFilter, after: number | null, signal?: AbortSignal) => {
    const p = new URLSearchParams({ limit: String(USER_PAGE_SIZE) });
    if (f.q.trim()) p.set('q', f.q.trim());
    if (f.role) p.set('role', f.role);
    if (f.active) p.set('active', f.active);
    if (after !== null) p.set('after', String(after));
    return request<AdminUserPage>('GET', `/api/admin/users?${p.toString()}`, { signal });
  },
  createUser: (body: AdminUserCreate) => request<AdminUserCreated>('POST', '/api/admin/users', { body }),
  updateUser: (id: number, body: AdminUserPatch) => request<AdminUser>('PATCH', `/api/admin/users/${id}`, { body }),
  resetPassword: (id: number, version: number) => request<AdminPasswordResetDone>('POST', `/api/admin/users/${id}/password-reset`, { body: { version } }),
  teams: (signal?: AbortSignal) => request<AdminTeamList>('GET', '/api/admin/teams', { signal }),
  createTeam: (body: AdminTeamCreate) => request<AdminTeam>('POST', '/api/admin/teams', { body }),
  updateTeam: (id: number, body: AdminTeamPatch) => request<AdminTeam>('PATCH', `/api/admin/teams/${id}`, { body }),
  /** The signed-in user's own password (required after a one-time password). */
  changeOwnPassword: (body: PasswordChange) => request<MeResponse>('POST', '/api/auth/password', { body }),
};
