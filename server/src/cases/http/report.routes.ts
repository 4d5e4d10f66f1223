import { Router } from 'express';
import { ReportQuery } from '../../../../contract/index.js';
import type { ReportService } from '../report.service.js';
import { contextOf } from '../../identity/http/authenticate.js';
import { parseInput } from '../../platform/http/validate.js';

export function reportRoutes(reports: ReportService): Router {
  const r = Router();
  r.get('/cases', async (req, res) => {
    res.json(await reports.cases(contextOf(req), parseInput(ReportQuery, req.query, 'query')));
  });
  return r;
}
