// Settings the SLA clocks follow: read by supervisors, saved by admins. The contact center's
// zone (the business calendar's) and home region are read by everyone signed in: the console
// shows times in that zone and the region's numbers in national form.
import { SUPERVISING_ROLES, type CenterZone } from '../../../../contract/index.js';
import { Router } from 'express';
import { z } from 'zod';
import { SettingKeyParam, type SlaSettings } from '../sla-settings.js';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();
const SettingPut = z.object({ version: z.number().int().min(0).max(2_147_483_647), value: z.unknown() }).strict();

export function settingsRoutes(sla: SlaSettings, region: string): Router {
  const r = Router();
  // Before '/:key', which knows only the stored settings.
  r.get('/center-zone', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const body: CenterZone = { timeZone: (await sla.rules()).calendar.timeZone, region };
    res.json(body);
  });
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
