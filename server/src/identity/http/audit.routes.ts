// The audit log for admins: GET / (a page, or ?format=csv for the download) and GET /export.
import { Router, type Request, type Response } from 'express';
import { once } from 'node:events';
import { AuditFilter, AuditQuery } from '../../../../contract/index.js';
import type { AuditLogService } from '../audit-log.service.js';
import { contextOf, requireRole } from './authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

export function auditRoutes(auditLog: AuditLogService): Router {
  const r = Router();
  r.get('/', requireRole('admin'), async (req, res) => {
    const { before, limit, format, ...filter } = parseInput(AuditQuery, req.query, 'query');
    if (format === 'csv') return sendCsv(req, res, auditLog, filter);
    res.json(await auditLog.page(contextOf(req), filter, limit, before));
  });
  r.get('/export', requireRole('admin'), async (req, res) => {
    await sendCsv(req, res, auditLog, parseInput(AuditFilter, req.query, 'query'));
  });
  return r;
}

/**
 * Streams the CSV a batch at a time, waiting for the client to take each one, so a log of
 * millions of entries never sits in memory. X-Audit-Rows tells the console how many to expect.
 */
async function sendCsv(req: Request, res: Response, auditLog: AuditLogService, filter: AuditFilter): Promise<void> {
  const { rows, chunks } = await auditLog.exportCsv(contextOf(req), filter);
  const day = new Date().toISOString().slice(0, 10);
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="kefu-audit-${day}.csv"`);
  res.setHeader('x-audit-rows', String(rows));
  res.setHeader('cache-control', 'no-store');
  try {
    for await (const chunk of chunks) {
      if (res.destroyed) return; // the admin cancelled; stop reading the log
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    }
    res.end();
  } catch (err) {
    // The header is sent: no error body can follow. Cut the download so it is not taken for whole.
    req.log.error({ err }, 'audit export failed');
    res.destroy();
  }
}
