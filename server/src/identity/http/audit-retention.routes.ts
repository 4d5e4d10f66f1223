// The audit log's retention for admins, beside the log: the period in force and the last purge
// (GET /retention), and a purge now (POST /purge), which is itself audited.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditRetention } from '../audit-retention.service.js';
import { contextOf, requireRole } from './authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();
const NoBody = z.union([z.undefined(), z.object({}).strict()]);

export function auditRetentionRoutes(retention: AuditRetention): Router {
  const r = Router();
  r.get('/retention', requireRole('admin'), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await retention.status());
  });
  r.post('/purge', requireRole('admin'), async (req, res) => {
    parseInput(NoBody, req.body);
    const ctx = contextOf(req);
    res.json(await retention.purge({ userId: ctx.viewer.id, ip: ctx.ip, requestId: ctx.requestId }));
  });
  return r;
}
