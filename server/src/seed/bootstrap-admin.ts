import type { Logger } from '../platform/logger.js';
import type { UserRepository } from '../identity/data/user.repository.js';
import { hashPassword } from '../identity/password.js';

/**
 * Outside demo mode the first admin comes from KEFU_ADMIN_USERNAME / KEFU_ADMIN_PASSWORD
 * (or `npm run create-admin`); it is created once, when no user with that name exists.
 */
export async function bootstrapAdmin(
  users: UserRepository,
  admin: { username: string; password: string } | null,
  log: Logger,
  demo: boolean,
): Promise<void> {
  if (!admin) {
    if (!demo && (await users.count()) === 0) {
      log.warn('no users yet: set KEFU_ADMIN_USERNAME and KEFU_ADMIN_PASSWORD, or run `npm run create-admin`');
    }
    return;
  }
  if (await users.findByUsername(admin.username)) return;
  await users.create({
    username: admin.username,
    displayName: admin.username,
    passwordHash: await hashPassword(admin.password),
    role: 'admin',
  });
  log.info({ username: admin.username }, 'first admin created');
}
