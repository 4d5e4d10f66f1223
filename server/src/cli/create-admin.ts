// `npm run create-admin -- --username NAME`: creates an admin outside demo mode.
// The password is read from KEFU_ADMIN_PASSWORD or from standard input, never from the
// command line (where it would land in shell history and the process list).
import { z } from 'zod';
import { parseConfig } from '../platform/config.js';
import { logger } from '../platform/logger.js';
import { openDatabase } from '../platform/db/open-database.js';
import { UserRepository } from '../identity/data/user.repository.js';
import { hashPassword } from '../identity/password.js';
import { parseCliArgs } from './cli-args.js';

const Args = z.object({ username: z.string().regex(/^[a-zA-Z0-9._-]{3,64}$/, '3–64 letters, digits, dot, dash or underscore') });
const Password = z.string().min(12, 'the password must be at least 12 characters').max(256);

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stdout.write('Password (at least 12 characters): ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (process.stdin.isTTY && c.includes(10)) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function main() {
  const args = parseCliArgs(Args, { username: { type: 'string' } });
  const pw = Password.safeParse(process.env.KEFU_ADMIN_PASSWORD ?? (await readStdin()));
  if (!pw.success) {
    process.stderr.write(`${pw.error.issues[0]!.message}\n`);
    process.exit(2);
  }
  const config = parseConfig({ ...process.env, KEFU_ADMIN_USERNAME: undefined, KEFU_ADMIN_PASSWORD: undefined });
  const database = await openDatabase(config, logger);
  try {
    const users = new UserRepository(database.db);
    if (await users.findByUsername(args.username)) {
      process.stderr.write(`A user named ${args.username} already exists.\n`);
      process.exitCode = 1;
      return;
    }
    await users.create({ username: args.username, displayName: args.username, passwordHash: await hashPassword(pw.data), role: 'admin' });
    process.stdout.write(`Admin ${args.username} created.\n`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  process.stderr.write(`create-admin failed: ${(err as Error).message}\n`);
  process.exit(1);
});
