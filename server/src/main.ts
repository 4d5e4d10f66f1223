import { ConfigError, parseConfig } from './platform/config.js';
import { logger } from './platform/logger.js';
import { startServer, type RunningServer } from './server.js';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo-users.js';

async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }

  let running: RunningServer;
  try {
    running = await startServer(config, logger);
  } catch (err) {
    process.stderr.write(`kefu could not start: ${(err as Error).message}\n`);
    process.exit(1);
  }

  const lines = [`kefu is running at ${running.url}`];
  if (config.demo) {
    lines.push('Demo sign-ins (password for all: ' + DEMO_PASSWORD + '):');
    for (const u of DEMO_USERS) lines.push(`  ${u.username.padEnd(12)} ${u.role}`);
  }
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await running.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
