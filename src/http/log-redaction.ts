/**
 * No credential is ever written to a log. Fastify logs each request's URL; the URL may carry
 * a ticket, a calendar feed token or (from an old client) an access token, so those values
 * are replaced before the line is written. Headers are not logged by Fastify, but any line that
 * does log them gets its Authorization, Cookie and Set-Cookie censored by pino's `redact`.
 */
import type { Logger } from 'pino';

export const REDACTED = '[REDACTED]';

const SECRET_PARAMETER = /([?&](?:access_token|token|ticket|feed_token)=)[^&#]*/gi;

/** The URL with the value of every credential parameter replaced by [REDACTED]. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMETER, `$1${REDACTED}`);
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

const HEADER_PATHS = ['.authorization', '.cookie', '["set-cookie"]'];

export const redaction = {
  serializers: {
    req: (request: LoggedRequest) => ({
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    }),
  },
  redact: {
    paths: ['req.headers', 'res.headers', 'headers', 'request.headers'].flatMap((at) => HEADER_PATHS.map((h) => `${at}${h}`)),
    censor: REDACTED,
  },
};

/**
 * A child of the process's logger that writes requests with the redaction above. Fastify takes
 * the instance's own `req` serializer over its default, so every request line goes through it.
 */
export function withRedaction(logger: Logger): Logger {
  return logger.child({}, { serializers: redaction.serializers, redact: redaction.redact });
}
