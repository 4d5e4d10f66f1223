// OpenAPI paths of the backups, from the contract's zod schemas.
import * as C from '../../../../contract/index.js';
import { errors, json } from '../../platform/http/openapi.js';

export const backupPaths = {
  '/api/admin/backups': {
    get: {
      summary: 'The last backups (time, size, result) and the daily schedule (admins)',
      responses: { '200': { description: 'Backups', content: json(C.BackupOverview) }, ...errors(400, 401, 403) },
    },
    post: {
      summary: 'Back up now (admins, audited): answers at once with the run under way; `backup:finished` follows on the socket',
      responses: { '202': { description: 'The run under way', content: json(C.BackupRunView) }, ...errors(400, 401, 403, 409) },
    },
  },
};
