// OpenAPI paths: Phones and the agent's calls.
import * as C from '../../../../contract/index.js';
import { errors, json } from '../../platform/http/openapi.js';

export const ctiPaths = {
  '/api/softphone/credentials': {
    get: {
      summary: "The signed-in agent's SIP account for the softphone (issued per session, never typed in)",
      responses: { '200': { description: 'SIP account', content: json(C.SipCredentialsView) }, ...errors(401, 403) },
    },
  },
  '/api/webphone/credentials': {
    post: {
      summary: 'A SIP account for the caller-side web phone, registered as the given number (no sign-in in demo mode)',
      security: [],
      requestBody: { required: true, content: json(C.WebPhoneCredentialsRequest) },
      responses: { '200': { description: 'SIP account', content: json(C.SipCredentialsView) }, ...errors(400, 401) },
    },
  },
  '/api/interactions/today': {
    get: {
      summary: "The signed-in agent's calls since midnight, newest first",
      responses: { '200': { description: "Today's calls", content: json(C.TodayCalls) }, ...errors(401) },
    },
  },
};
