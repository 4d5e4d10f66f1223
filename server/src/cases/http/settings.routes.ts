// Settings the SLA clocks follow: read by supervisors, saved by admins.
import { SUPERVISING_ROLES } from '../../../../contract/index.js';
import { Router } from 'express';
import { z } from 'zod';
import { SettingKeyParam, type SlaSettings } from '../sla-settings.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();
const SettingPut = z.object({ version: z.number().int().min(0).max(2_147_483_647), value: z.unknown() }).strict();

export function settingsRoutes(sla: SlaSettings): Router {
  const r = Router();
  r.get('/:key', requireRole(...SUPERVISING_ROLES), async (req, res) => {
    const { key } = parseInput(SettingKeyParam, req.params, 'path');
    parseInput(NoQuery, req.query, 'query');
    res.json(await sla.get(key));
  });
  r.put('/:key', requireRole('admin'), async (req, res) => {
    const { key } = parseInput(SettingKeyParam, req.params, 'path');
    const body = parseInput(SettingPut, req.body);
    res.json(await sla.put(contextOf(req), key, body.value, body.version));
  });
  return r;
}
