// OpenAPI paths: a supervisor acting on the floor.
import * as C from '../../../../../contract/index.js';
import { errors, json } from '../../../platform/http/openapi.js';

const agentId = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];

export const floorPaths = {
  '/api/floor/agents': {
    get: {
      summary: "The agents the supervisor may act on (their team's; an admin's: all), with their live state",
      responses: { '200': { description: 'Agents', content: json(C.FloorAgentList) }, ...errors(401, 403) },
    },
  },
  '/api/floor/agents/{id}/not-ready': {
    post: {
      summary: 'Forces the agent Not ready with a reason: at once between calls, else when their call and wrap-up end (audited)',
      parameters: agentId,
      requestBody: { required: true, content: json(C.ForceNotReadyRequest) },
      responses: { '200': { description: 'When the change applies', content: json(C.FloorActionResult) }, ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/floor/agents/{id}/log-out': {
    post: {
      summary: "Logs the agent out of the ACD: at once between calls, else when their call's work ends (audited)",
      parameters: agentId,
      responses: { '200': { description: 'When the change applies', content: json(C.FloorActionResult) }, ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/floor/agents/{id}/messages': {
    post: {
      summary: "Shows a message on the agent's desktop (audited)",
      parameters: agentId,
      requestBody: { required: true, content: json(C.AgentMessageRequest) },
      responses: { '201': { description: 'Sent' }, ...errors(400, 401, 403, 404, 409) },
    },
  },
  '/api/floor/waiting-calls': {
    get: {
      summary: 'Calls waiting in a queue now, and the queues a call may be pulled to',
      responses: { '200': { description: 'Waiting calls', content: json(C.FloorWaitingCallList) }, ...errors(401, 403) },
    },
  },
  '/api/floor/waiting-calls/{callId}/pull': {
    post: {
      summary: "Pulls a waiting call to another queue, a named agent, or the supervisor's own phone (audited)",
      parameters: [{ name: 'callId', in: 'path', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: json(C.PullCallRequest) },
      responses: { '200': { description: 'Pulled' }, ...errors(400, 401, 403, 409) },
    },
  },
};
