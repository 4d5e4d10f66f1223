// People and teams for pickers (assignee, owner): names only.
import { CUSTOMER_SERVICE_ROLES } from '../../../../contract/index.js';
import { Router } from 'express';
import { z } from 'zod';
import type { UserDirectory } from '../user-directory.js';
import { requireRole } from './authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();

export function directoryRoutes(directory: UserDirectory): Router {
  const r = Router();
  r.get('/', requireRole(...CUSTOMER_SERVICE_ROLES), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await directory.options());
  });
  return r;
}
