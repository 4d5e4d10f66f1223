// People and teams for pickers (assignee, owner): names only.
import { Router } from 'express';
import { z } from 'zod';
import type { UserDirectory } from '../user-directory.js';
import { requireRole } from './authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

const NoQuery = z.object({}).strict();

export function directoryRoutes(directory: UserDirectory): Router {
  const r = Router();
  r.get('/', requireRole('agent', 'supervisor', 'admin'), async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    res.json(await directory.options());
  });
  return r;
}
