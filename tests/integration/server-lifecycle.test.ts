// The product as `npm start` runs it: embedded PostgreSQL, demo data, a clean stop on SIGTERM
// with no database process left behind, and every change still there after a restart.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/test-app.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-lifecycle-'));
fs.chmodSync(dataDir, 0o755);
let child: ChildProcess | null = null;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function start(pgPort: number, extraEnv: Record<string, string> = {}): Promise<{ url: string; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', KEFU_DATA_DIR: dataDir, KEFU_EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn', ...extraEnv };
  delete env.DATABASE_URL; // the embedded default, whatever the test run uses
  delete env.KEFU_DEMO;
  child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + output)), 90_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /kefu is running at (http:\/\/\S+)/.exec(output);
      if (m && output.includes('agent3')) {
        clearTimeout(timer);
        resolve({ url: m[1]!, output });
      }
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child!.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

function stop(): Promise<number | null> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve(child?.exitCode ?? null);
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function postgresProcessesFor(dir: string): string {
  try {
    // No shell in between: a shell's own command line would match the pattern.
    return execFileSync('pgrep', ['-af', `postgres.*${dir}`], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

afterAll(async () => {
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('running the product on embedded defaults', () => {
  it('starts with demo data, stops cleanly, and keeps every change across a restart', async () => {
    const pgPort = await freePort();
    const first = await start(pgPort);
    expect(first.output).toContain('Demo sign-ins');
    for (const u of ['admin1', 'supervisor1', 'marketer1', 'agent1', 'agent2', 'agent3']) expect(first.output).toContain(u);
    expect(first.output).toContain('kefu-demo');

    const agent = await new ApiClient(first.url).login('agent1');
    const created = await agent.post('/api/customers', { name: 'Restart Survivor', phones: [{ number: '+86 187 0000 1111' }] });
    expect(created.status).toBe(201);

    expect(await stop()).toBe(0);
    expect(postgresProcessesFor(dataDir)).toBe('');

    const second = await start(pgPort);
    const again = await new ApiClient(second.url).login('agent1');
    const found = await again.get('/api/customers?phone=18700001111');
    expect(found.body.items.map((c: { name: string }) => c.name)).toEqual(['Restart Survivor']);
    // The demo set is loaded once: no second copy of the well-known customers.
    const admin = await new ApiClient(second.url).login('admin1');
    expect((await admin.get('/api/customers?phone=13800138000')).body.items).toHaveLength(1);
    expect(await stop()).toBe(0);
    expect(postgresProcessesFor(dataDir)).toBe('');
  });

  it('says clearly why it cannot start when the database port is taken', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((r) => blocker.listen(0, '127.0.0.1', () => r((blocker.address() as net.AddressInfo).port)));
    try {
      await expect(start(port)).rejects.toThrow(/exited with 1[\s\S]*port \d+ on 127\.0\.0\.1 is in use/);
    } finally {
      blocker.close();
    }
  });

  it('refuses to start on a bad environment, naming each bad key', async () => {
    await expect(start(await freePort(), { PORT: 'eighty', KEFU_DEFAULT_REGION: 'ZZ' })).rejects.toThrow(/exited with 2[\s\S]*PORT[\s\S]*KEFU_DEFAULT_REGION/);
  });
});
