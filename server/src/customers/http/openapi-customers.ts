// OpenAPI paths: Customers: look-up, search, the 360 and its history.
import * as C from '../../../../contract/index.js';
import { errors, idParam, json } from '../../platform/http/openapi.js';

export const customerPaths = {
  '/api/customers': {
    get: {
      summary: 'Caller look-up by phone (any format) or search by name, phone, email, company',
      parameters: [
        { name: 'phone', in: 'query', schema: { type: 'string' } },
        { name: 'q', in: 'query', schema: { type: 'string' } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
      ],
      responses: { '200': { description: 'Matches, most recent contact first', content: json(C.CustomerList) }, ...errors(400, 401) },
    },
    post: {
      summary: 'Create a customer',
      requestBody: { required: true, content: json(C.CustomerCreate) },
      responses: { '201': { description: 'Created' }, ...errors(400, 401, 403) },
    },
  },
  '/api/customers/{id}': {
    get: {
      summary: 'The customer 360',
      parameters: [idParam],
      responses: { '200': { description: 'Customer 360', content: json(C.Customer360) }, ...errors(400, 401, 403, 404) },
    },
    patch: {
      summary: 'Change a customer',
      parameters: [idParam],
      requestBody: { required: true, content: json(C.CustomerPatch) },
      responses: { '200': { description: 'Changed' }, ...errors(400, 401, 403, 404) },
    },
  },
  '/api/customers/{id}/interactions': {
    get: {
      summary: 'Older pages of the interaction history',
      parameters: [
        idParam,
        { name: 'before', in: 'query', schema: { type: 'string' } },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200 } },
      ],
      responses: { '200': { description: 'A page', content: json(C.InteractionPage) }, ...errors(400, 401, 403, 404) },
    },
  },
  '/api/customers/{id}/phones/{index}/dial': {
    post: {
      summary: "A one-time dial token for the customer's number at `index` (as shown, masked or whole), for a caller who may see the customer: their phone dials the token and the switch rings the number; audited",
      parameters: [idParam, { name: 'index', in: 'path', required: true, schema: { type: 'integer', minimum: 0, maximum: 9 } }],
      requestBody: { required: true, content: json(C.MaskedDialRequest) },
      responses: { '200': { description: 'The token to dial', content: json(C.MaskedDial) }, ...errors(400, 401, 403, 404, 409) },
    },
  },
};
