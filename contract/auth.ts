import { z } from 'zod';
import { Locale, Role } from './domain.js';

export const LoginRequest = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
  extension: z.string().nullable(),
  locale: Locale.nullable(),
  /** Signed in with a one-time password: the console asks for their own before anything else. */
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.object({ user: Me });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** GET and PATCH /api/auth/me answer the same shape as sign-in. */
export const MeResponse = LoginResponse;
export type MeResponse = LoginResponse;

export const MePatch = z.object({ locale: Locale }).strict();
export type MePatch = z.infer<typeof MePatch>;

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'down']),
  /** The media plane: rtpengine answering, none configured or installed, or not answering. */
  media: z.enum(['rtpengine', 'none', 'down']),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
