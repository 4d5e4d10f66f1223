// OpenAPI paths of the call recordings, from the contract's zod schemas.
import * as C from '../../../../contract/index.js';
import { errors, json } from '../../platform/http/openapi.js';

export const recordingPaths = {
  '/api/recordings': {
    get: {
      summary: "The recordings of a customer's calls (who may see the customer; not marketers)",
      parameters: [{ name: 'customerId', in: 'query', required: true, schema: { type: 'integer' } }],
      responses: { '200': { description: 'Recordings, newest first', content: json(C.RecordingList) }, ...errors(400, 401, 403) },
    },
  },
  '/api/recordings/{id}/audio': {
    get: {
      summary: 'A recording as a stereo WAV (caller left, agent right), opened from its sealed file; each play is audited. Byte ranges for seeking.',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: {
        '200': { description: 'The WAV', content: { 'audio/wav': { schema: { type: 'string', format: 'binary' } } } },
        '206': { description: 'A byte range of the WAV' },
        ...errors(400, 401, 403, 404, 409),
      },
    },
  },
};
