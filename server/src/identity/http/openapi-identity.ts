// OpenAPI paths: Sign-in and the signed-in user.
import * as C from '../../../../contract/index.js';
import { errors, json } from '../../platform/http/openapi.js';

export const identityPaths = {
  '/api/auth/login': {
    post: {
      summary: 'Sign in; sets the session cookie',
      security: [],
      requestBody: { required: true, content: json(C.LoginRequest) },
      responses: { '200': { description: 'Signed in', content: json(C.LoginResponse) }, ...errors(400, 401, 429) },
    },
  },
  '/api/auth/logout': { post: { summary: 'Sign out', responses: { '204': { description: 'Signed out' }, ...errors(401) } } },
  '/api/auth/me': {
    get: { summary: 'The signed-in user', responses: { '200': { description: 'Me', content: json(C.LoginResponse) }, ...errors(401) } },
    patch: { summary: 'Remember the console language (also the language of error messages)', responses: { '200': { description: 'Me', content: json(C.LoginResponse) }, ...errors(400, 401) } },
  },
};
