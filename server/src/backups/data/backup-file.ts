// One backup file: pg_dump's custom format (compressed) piped through a sealed stream into the
// backup directory, and back: checked end to end first, then piped into pg_restore in one
// transaction. No decrypted copy is ever written to disk.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Keyring } from '../../platform/crypto/keyring.js';
import { OpenStream, readSealedHeader, SealStream, SealedStreamError, type SealedHeader } from '../../platform/crypto/sealed-stream.js';
import { backupError, BackupError, firstLines } from '../backup-error.js';
import { backupFileName } from '../rules/backup-files.js';
import { chooseTool, describeTools } from '../rules/pg-tool-choice.js';
import { emptyPublicSchema, libpqEnv, serverMajor, userRelationCount } from './pg-connection.js';
import { findPgTools } from './pg-tools.js';

export interface BackupWritten {
  file: string;
  fileName: string;
  bytes: number;
  keyId: string;
  serverMajor: number;
  dumpMajor: number;
}

/** Written into the sealed header: what restore needs to pick its pg_restore. */
interface BackupMeta {
  kind: 'kefu-backup';
  createdAt: string;
  pgDumpMajor: number;
  serverMajor: number;
}

/** Runs a tool, keeping the start of its error output for the message when it fails. */
function started(file: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 4000) stderr += d.toString('utf8');
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`${path.basename(file)} could not be started: ${err.message}`)));
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(firstLines(stderr) + (signal ? ` (${signal})` : code === null ? '' : ` (exit ${code})`))),
    );
  });
  return { child, exited };
}

async function reachable<T>(what: Promise<T>): Promise<T> {
  try {
    return await what;
  } catch (err) {
    throw backupError('backup.databaseUnreachable', { detail: firstLines((err as Error).message) });
  }
}

export async function writeBackup(o: { url: string; dir: string; keyring: Keyring; pgBinDir: string | null; at: Date }): Promise<BackupWritten> {
  const server = await reachable(serverMajor(o.url));
  const tools = await findPgTools('pg_dump', o.pgBinDir);
  const tool = chooseTool(tools, server);
  if (!tool) throw backupError('backup.noPgDump', { server, found: describeTools(tools) });
  try {
    fs.mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw backupError('backup.cannotWrite', { dir: o.dir, detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
  }
  let fileName = backupFileName(o.at);
  for (let n = 2; fs.existsSync(path.join(o.dir, fileName)); n++) fileName = backupFileName(o.at, n);
  const file = path.join(o.dir, fileName);
  // Written under another name and renamed once complete, so a crash never leaves a half file
  // that looks like a backup (retention and restore only know complete names).
  const partial = `${file}.partial`;
  const meta: BackupMeta = { kind: 'kefu-backup', createdAt: o.at.toISOString(), pgDumpMajor: tool.major, serverMajor: server };
  const { child, exited } = started(tool.path, ['--format=custom', '--compress=6', '--no-password'], libpqEnv(o.url));
  child.stdin!.end();
  let out: fs.WriteStream;
  try {
    out = fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' });
    await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
  } catch (err) {
    child.kill('SIGTERM');
    await exited.catch(() => undefined);
    throw backupError('backup.cannotWrite', { dir: o.dir, detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
  }
  try {
    const [piped, dumped] = await Promise.allSettled([pipeline(child.stdout!, new SealStream(o.keyring.current, { ...meta }), out), exited]);
    if (dumped.status === 'rejected') throw backupError('backup.dumpFailed', { detail: (dumped.reason as Error).message });
    if (piped.status === 'rejected') {
      throw backupError('backup.cannotWrite', { dir: o.dir, detail: (piped.reason as NodeJS.ErrnoException).code ?? (piped.reason as Error).message });
    }
    const fd = fs.openSync(partial, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, file);
  } catch (err) {
    child.kill('SIGTERM');
    fs.rmSync(partial, { force: true });
    throw err;
  }
  return { file, fileName, bytes: fs.statSync(file).size, keyId: o.keyring.current.id, serverMajor: server, dumpMajor: tool.major };
}

/** Why a file cannot be opened, as the operator should read it. */
function unsealFailure(err: unknown, file: string): Error {
  if (!(err instanceof SealedStreamError)) return err as Error;
  switch (err.reason) {
    case 'not-sealed':
      return new Error(`${file} is not a kefu backup: ${err.message}`);
    case 'unknown-key':
      return new Error(`Wrong key for ${file}: ${err.message}`);
    case 'damaged':
      return new Error(`${file} cannot be trusted, nothing was restored: ${err.message}`);
  }
}

/** Decrypts the whole file and checks every chunk, writing the plain dump nowhere (or into `into`). */
async function unseal(file: string, keyring: Keyring, into: Writable): Promise<SealedHeader> {
  const opener = new OpenStream(keyring);
  try {
    await pipeline(fs.createReadStream(file), opener, into);
  } catch (err) {
    throw unsealFailure(err, file);
  }
  return opener.header!;
}

const discard = () =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });

/** Opens the file end to end: throws the reason when it is not whole, not ours or needs another key. */
export async function verifyBackup(file: string, keyring: Keyring): Promise<SealedHeader> {
  return unseal(file, keyring, discard());
}

export interface RestoreOptions {
  file: string;
  url: string;
  keyring: Keyring;
  pgBinDir: string | null;
  /** Replace whatever the database holds; otherwise it must be empty. */
  force: boolean;
}

export class RestoreRefused extends Error {
  override readonly name = 'RestoreRefused';
}

export async function restoreBackup(o: RestoreOptions): Promise<{ pgRestoreMajor: number }> {
  let header: SealedHeader;
  try {
    header = await readSealedHeader(o.file);
  } catch (err) {
    throw unsealFailure(err, o.file);
  }
  const dumpMajor = typeof header.meta.pgDumpMajor === 'number' ? header.meta.pgDumpMajor : 0;
  await reachable(serverMajor(o.url));
  const tools = await findPgTools('pg_restore', o.pgBinDir);
  const tool = chooseTool(tools, Math.max(dumpMajor, 1));
  if (!tool) throw backupError('backup.noPgRestore', { dump: dumpMajor, found: describeTools(tools) });
  // Every chunk is checked before the database is touched: a damaged or tampered file, or the
  // wrong key, changes nothing.
  await verifyBackup(o.file, o.keyring);
  const existing = await userRelationCount(o.url);
  if (existing > 0 && !o.force) {
    throw new RestoreRefused(
      `The database is not empty (${existing} tables, sequences or views). Restore into an empty database, ` +
        'or add --force to replace everything in its public schema.',
    );
  }
  if (existing > 0) await emptyPublicSchema(o.url);
  // One transaction: a restore that fails half way leaves the database as it was.
  const { child, exited } = started(tool.path, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--no-password', `--dbname=${libpqEnv(o.url).PGDATABASE}`], libpqEnv(o.url));
  const [piped, restored] = await Promise.allSettled([unseal(o.file, o.keyring, child.stdin!), exited]);
  if (restored.status === 'rejected') throw new Error(`pg_restore failed, nothing was restored: ${(restored.reason as Error).message}`);
  if (piped.status === 'rejected') throw piped.reason as Error;
  return { pgRestoreMajor: tool.major };
}

export { BackupError };
