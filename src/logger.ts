/**
 * The process's one logger: pino, one JSON object per line on stdout, at LOG_LEVEL. The server
 * hands the same instance to Fastify (request logs) and to its queue; the worker to its jobs.
 */
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level });
}
