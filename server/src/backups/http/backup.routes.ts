// /api/admin/backups: the last backups and the schedule; and "back up now". Admins only.
import { Router } from 'express';
import { z } from 'zod';
import { contextOf, requireRole } from '../../identity/http/authenticate.js';
import { viewerLocale } from '../../platform/i18n/viewer-locale.js';
import { parseInput } from '../../platform/http/validate.js';
import type { BackupService } from '../backup.service.js';

const NoQuery = z.object({}).strict();
const NoBody = z.union([z.object({}).strict(), z.undefined()]);

export function backupRoutes(backups: BackupService): Router {
  const r = Router();
  r.get('/', requireRole('admin'), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await backups.overview(viewerLocale(req.auth!.user.locale, req.headers['accept-language'])));
  });
  r.post('/', requireRole('admin'), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    parseInput(NoBody, req.body);
    res.status(202).json(await backups.runNow(contextOf(req), viewerLocale(req.auth!.user.locale, req.headers['accept-language'])));
  });
  return r;
}
