// Starts queue-server.ts as a child process and talks to it over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FromQueueServer, ToQueueServer } from './queue-server.js';

export interface QueueServerProcess {
  readonly baseUrl: string;
  readonly sipUrl: string;
  readonly pid: number;
  tell(m: ToQueueServer): void;
  next<K extends FromQueueServer['type']>(type: K, timeoutMs?: number): Promise<Extract<FromQueueServer, { type: K }>>;
  stop(): Promise<void>;
}

/** `cpuProfDir`: the server writes a V8 CPU profile there when it exits (where a call's time goes). */
export async function startQueueServer(dbUrl: string, cpuProfDir?: string): Promise<QueueServerProcess> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'queue-server.ts'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    ...(cpuProfDir ? { execArgv: [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] } : {}),
    env: { ...process.env, BENCH_QUEUE_DB_URL: dbUrl },
  });
  const inbox: FromQueueServer[] = [];
  const waiters: Array<() => void> = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  child.on('message', (m: FromQueueServer) => {
    inbox.push(m);
    wake();
  });
  child.on('exit', wake);
  const next = async <K extends FromQueueServer['type']>(type: K, timeoutMs = 60_000): Promise<Extract<FromQueueServer, { type: K }>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const failed = inbox.find((m) => m.type === 'failed');
      if (failed?.type === 'failed') throw new Error(`queue bench server failed: ${failed.error}`);
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return inbox.splice(i, 1)[0] as Extract<FromQueueServer, { type: K }>;
      if (child.exitCode !== null) throw new Error(`queue bench server exited (${child.exitCode}) before ${type}`);
      if (Date.now() > deadline) throw new Error(`queue bench server: no ${type} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 250);
      });
    }
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (child.connected) child.send({ type: 'stop' } satisfies ToQueueServer);
    const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(t);
  };
  try {
    const ready = await next('ready', 120_000);
    return {
      baseUrl: ready.baseUrl,
      sipUrl: ready.sipUrl,
      pid: child.pid!,
      tell: (m) => void child.send(m),
      next,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
