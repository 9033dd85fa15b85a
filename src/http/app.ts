/**
 * buildApp(deps): the whole HTTP edge without a socket, so tests drive it with inject().
 * Routes are thin: schema in, one service call, JSON out.
 */
import path from 'node:path';
import { packageRoot } from '../package-root.ts';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ServiceContext } from '../services/context.ts';
import { lazySerializers, lazyValidator } from './lazy-schemas.ts';
import auth from './plugins/auth.ts';
import cookie from '@fastify/cookie';
import { withRedaction } from './log-redaction.ts';
import errors, { clientErrorHandler, frameworkErrors } from './plugins/errors.ts';
import openapi from './plugins/openapi.ts';
import staticUi from './plugins/static-ui.ts';
import authRoutes from './routes/auth.ts';
import eventDayRoutes from './routes/event-day.ts';
import eventRoutes from './routes/events.ts';
import publicRoutes from './routes/public.ts';
import formatRoutes from './routes/formats.ts';
import healthRoutes from './routes/health.ts';
import playerRoutes from './routes/players.ts';
import scenarioRoutes from './routes/scenario.ts';
import scheduleRoutes from './routes/schedule.ts';
import sessionRoutes from './routes/sessions.ts';
import phaseStandingsRoutes from './routes/phase-standings.ts';
import tournamentRoutes from './routes/tournaments.ts';
import trfRoutes from './routes/trf.ts';
import userRoutes from './routes/users.ts';

/** What the route plugins receive. */
export type RouteDeps = Pick<AppDeps, 'ctx' | 'eventIntervalMs'>;

/** An extra plugin an edge hands in (the queue board, the metrics), registered after the routes. */
export type AppPlugin = (app: FastifyInstance) => Promise<void>;

export interface AppDeps {
  ctx: ServiceContext;
  jwtSecret: string;
  /** The process's pino logger; without one the app logs nothing (tests). */
  logger?: Logger;
  /** Where the built UI lives; defaults to web/dist. */
  uiRoot?: string;
  /** How often an event stream looks for changes. */
  eventIntervalMs?: number;
  plugins?: AppPlugin[];
}

const repoRoot = packageRoot();

export const BODY_LIMIT = 1024 * 1024;

// Bodies are taken as sent: a string is not a number and unknown fields are errors.
// Query strings and path parameters arrive as text, so those are coerced.
const bodyAjv = addFormats.default(new Ajv.default({ allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false }));
const textAjv = addFormats.default(new Ajv.default({ allErrors: true, coerceTypes: true, removeAdditional: false, useDefaults: true, strict: false }));

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Typed as Fastify's logger so the app is the plain FastifyInstance every plugin takes.
  const loggerInstance: FastifyBaseLogger | undefined = deps.logger && withRedaction(deps.logger);
  const app = Fastify({
    loggerInstance,
    bodyLimit: BODY_LIMIT,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    ajv: { customOptions: {} },
    schemaController: { compilersFactory: { buildSerializer: lazySerializers() } },
    frameworkErrors,
    clientErrorHandler,
    // Answered by the hook below instead, in the one error shape.
    return503OnClosing: false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    return reply.status(503).type('application/json').send({ error: { code: 'shutting_down', message: 'the server is shutting down; retry on another or in a moment', details: {} } });
  });

  app.setValidatorCompiler(({ schema, httpPart }) => lazyValidator(httpPart === 'body' ? bodyAjv : textAjv, schema));
  // The API speaks JSON only: other media types are 415, not strings to validate.
  app.removeContentTypeParser('text/plain');
  // A POST without a body is an empty object, so the answer names the missing field.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined || request.body === null) request.body = {};
  });

  await app.register(errors);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(cookie);
  await app.register(auth, { secret: deps.jwtSecret, store: deps.ctx.store });
  await app.register(openapi);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const routeDeps: RouteDeps = { ctx: deps.ctx, eventIntervalMs: deps.eventIntervalMs };
  for (const routes of [healthRoutes, authRoutes, formatRoutes, scenarioRoutes, tournamentRoutes, sessionRoutes, scheduleRoutes, phaseStandingsRoutes, eventRoutes, eventDayRoutes, playerRoutes, userRoutes, trfRoutes]) {
    await app.register(routes, routeDeps);
  }
  await app.register(publicRoutes, { ...routeDeps, uiRoot: deps.uiRoot ?? path.join(repoRoot, 'web/dist') });
  for (const plugin of deps.plugins ?? []) await plugin(app);
  await app.register(staticUi, { root: deps.uiRoot ?? path.join(repoRoot, 'web/dist') });
  return app;
}
