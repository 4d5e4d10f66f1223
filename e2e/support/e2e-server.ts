// The browser tests' server: kefu as `npm start` runs it (server/src/server.ts, demo mode),
// plus a door on 127.0.0.1 where a test makes the people and the queue it works with
// (e2e/support/cast.ts). A queue or an agent made in the database is routable once the call
// center has read its queues again, which the door does before it answers.
import http from 'node:http';
import { z } from 'zod';
import { parseConfig } from '../../server/src/platform/config.js';
import { logger } from '../../server/src/platform/logger.js';
import { startServer } from '../../server/src/server.js';
import { addCampaignLead, addPastCall, CampaignLeadRequest, CastRequest, createCast, PastCallRequest } from './cast.js';
import { E2E_CAST_PORT } from './ports.js';

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function main(): Promise<void> {
  const running = await startServer(parseConfig(process.env), logger);
  const door = http.createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      if (req.method === 'POST' && req.url === '/cast') {
        const cast = await createCast(running.db, CastRequest.parse(await readJson(req)));
        await running.reloadQueues();
        return answer(201, cast);
      }
      if (req.method === 'POST' && req.url === '/past-calls') {
        return answer(201, { id: await addPastCall(running.db, PastCallRequest.parse(await readJson(req))) });
      }
      if (req.method === 'POST' && req.url === '/campaign-leads') {
        await addCampaignLead(running.db, CampaignLeadRequest.parse(await readJson(req)));
        return answer(201, {});
      }
      answer(404, { error: 'no such door' });
    })().catch((err: unknown) => answer(err instanceof z.ZodError ? 400 : 500, { error: String(err) }));
  });
  await new Promise<void>((resolve) => door.listen(E2E_CAST_PORT, '127.0.0.1', resolve));
  process.stdout.write(`kefu is running at ${running.url}\n`);

  const stop = async () => {
    door.close();
    await running.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`the browser tests' server could not start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
