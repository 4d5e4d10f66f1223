// The administration's REST shapes: users and teams, set up by admins in the console instead of
// seeded. Every change carries the version the editor loaded, so a concurrent save is a 409.
import { z } from 'zod';
import { Locale, Role } from './domain.js';

const RowId = z.number().int().positive().max(2_147_483_647);
const Version = z.number().int().positive().max(2_147_483_647);
const name = (max: number) => z.string().trim().min(1).max(max);

/** Sign-in names: lower-case letters, digits and . _ - (what a SIP user part also takes). */
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/);
/** An internal extension: 2 to 8 digits, unique among users. */
export const Extension = z.string().trim().regex(/^[0-9]{2,8}$/);
/** A password an admin sets: long enough to resist guessing, short enough to hash. */
export const NewPassword = z.string().min(10).max(256);

export const AdminUser = z.object({
  id: RowId,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  teamId: RowId.nullable(),
  teamName: z.string().nullable(),
  extension: z.string().nullable(),
  locale: Locale.nullable(),
  active: z.boolean(),
  /** Must set their own password at the next sign-in (after a one-time password). */
  mustChangePassword: z.boolean(),
  version: Version,
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const AdminUserCreate = z
  .object({
    username: Username,
    displayName: name(200),
    role: Role,
    teamId: RowId.nullable().optional(),
    /** Without one, a one-time password is made, shown once, and changed at first sign-in. */
    password: NewPassword.optional(),
    /** Without one, the next free extension is given to roles that take calls. */
    extension: Extension.nullable().optional(),
    locale: Locale.nullable().optional(),
  })
  .strict();
export type AdminUserCreate = z.infer<typeof AdminUserCreate>;

/** The user, and the one-time password when the admin gave none: shown once, never stored. */
export const AdminUserCreated = z.object({ user: AdminUser, oneTimePassword: z.string().optional() });
export type AdminUserCreated = z.infer<typeof AdminUserCreated>;

export const AdminUserPatch = z
  .object({
    version: Version,
    displayName: name(200).optional(),
    role: Role.optional(),
    teamId: RowId.nullable().optional(),
    extension: Extension.nullable().optional(),
    locale: Locale.nullable().optional(),
    /** false deactivates: sessions and phone registrations end at once. true reactivates. */
    active: z.boolean().optional(),
  })
  .strict();
export type AdminUserPatch = z.infer<typeof AdminUserPatch>;

export const AdminPasswordReset = z.object({ version: Version }).strict();
export type AdminPasswordReset = z.infer<typeof AdminPasswordReset>;
export const AdminPasswordResetDone = z.object({ user: AdminUser, oneTimePassword: z.string() });
export type AdminPasswordResetDone = z.infer<typeof AdminPasswordResetDone>;

export const AdminUserListQuery = z
  .object({
    q: z.string().trim().min(1).max(100).optional(),
    role: Role.optional(),
    teamId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    /** The last id of the previous page. */
    after: z.coerce.number().int().nonnegative().max(2_147_483_647).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AdminUserListQuery = z.output<typeof AdminUserListQuery>;

export const AdminUserPage = z.object({ items: z.array(AdminUser), nextAfter: RowId.nullable() });
export type AdminUserPage = z.infer<typeof AdminUserPage>;

export const AdminTeam = z.object({
  id: RowId,
  name: z.string(),
  supervisorId: RowId.nullable(),
  supervisorName: z.string().nullable(),
  members: z.number().int().nonnegative(),
  version: Version,
});
export type AdminTeam = z.infer<typeof AdminTeam>;

export const AdminTeamCreate = z.object({ name: name(100), supervisorId: RowId.nullable().optional() }).strict();
export type AdminTeamCreate = z.infer<typeof AdminTeamCreate>;

export const AdminTeamPatch = z.object({ version: Version, name: name(100).optional(), supervisorId: RowId.nullable().optional() }).strict();
export type AdminTeamPatch = z.infer<typeof AdminTeamPatch>;

export const AdminTeamList = z.object({ items: z.array(AdminTeam) });
export type AdminTeamList = z.infer<typeof AdminTeamList>;

/** A signed-in user setting their own password (required after a one-time password). */
export const PasswordChange = z.object({ current: z.string().min(1).max(256), next: NewPassword }).strict();
export type PasswordChange = z.infer<typeof PasswordChange>;
