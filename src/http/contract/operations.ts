/** The operators' routes outside /api: Prometheus metrics and the queue board. */
import { Type } from 'typebox';
import { ErrorResponse } from './errors.ts';

export const MetricsText = {
  description: 'Prometheus text exposition format',
  content: { 'text/plain': { schema: Type.String() } },
};

/** GET /admin/queues as the document shows it, whether Bull Board or the no-Redis answer serves it. */
export const BoardRoute = {
  tags: ['operations'],
  summary: 'Bull Board (admins): a bearer token, or a ticket (POST /api/v1/auth/ticket) once as ?ticket=, then an HttpOnly cookie',
  security: [{ bearer: [] }],
  response: {
    200: { description: 'the Bull Board page', content: { 'text/html': { schema: Type.String() } } },
    303: { description: 'the ticket was exchanged for a board session cookie: the same address without it' },
    401: ErrorResponse[401],
    403: ErrorResponse[403],
    404: { ...ErrorResponse[404], description: 'no board: the server runs without REDIS_URL' },
    500: ErrorResponse[500],
  },
};
