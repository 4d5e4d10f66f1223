// Settings the SLA clocks follow, pickers' people and teams, and case reports.
import { Router } from 'express';
import { z } from 'zod';
import { ReportQuery } from '../../../../contract/index.js';
import type { Services } from '../../services.js';
import { SettingKeyParam } from '../sla-settings.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();
const SettingPut = z.object({ version: z.number().int().min(0).max(2_147_483_647), value: z.unknown() }).strict();

export function settingsRoutes(s: Services): Router {
  const r = Router();
  r.get('/:key', requireRole('supervisor', 'admin'), async (req, res) => {
    const { key } = parseInput(SettingKeyParam, req.params, 'path');
    parseInput(NoQuery, req.query, 'query');
    res.json(await s.sla.get(key));
  });
  r.put('/:key', requireRole('admin'), async (req, res) => {
    const { key } = parseInput(SettingKeyParam, req.params, 'path');
    const body = parseInput(SettingPut, req.body);
    res.json(await s.sla.put(contextOf(req), key, body.value, body.version));
  });
  return r;
}

export function directoryRoutes(s: Services): Router {
  const r = Router();
  r.get('/', requireRole('agent', 'supervisor', 'admin'), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await s.directory.options());
  });
  return r;
}

export function reportRoutes(s: Services): Router {
  const r = Router();
  r.get('/cases', async (req, res) => {
    res.json(await s.reports.cases(contextOf(req), parseInput(ReportQuery, req.query, 'query')));
  });
  return r;
}
