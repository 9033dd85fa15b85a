/**
 * The contract's two edges on Fastify: every route gets the error responses its kind can
 * answer (so they are serialized and documented like any other answer), and the OpenAPI
 * document at /openapi.json (Swagger UI at /docs) is generated from the route schemas.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorResponse } from '../contract/errors.ts';

type JsonObject = { [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const hasDefault = (schema: unknown): boolean => isObject(schema) && schema.default !== undefined;

/** The error statuses a route can answer by its kind: who may call it, whether it takes input. */
export function standardErrors(route: Pick<RouteOptions, 'url' | 'schema' | 'config'>) {
  const schema = route.schema ?? {};
  const role = route.config?.role ?? (route.url.startsWith('/api/') ? 'viewer' : 'public');
  return {
    ...(role === 'public' ? {} : { 401: ErrorResponse[401] }),
    ...(role === 'operator' || role === 'admin' ? { 403: ErrorResponse[403] } : {}),
    ...(schema.body ? { 400: ErrorResponse[400], 413: ErrorResponse[413], 415: ErrorResponse[415] } : {}),
    ...(schema.params ? { 414: ErrorResponse[414] } : {}),
    ...(schema.body || schema.params || schema.querystring ? { 422: ErrorResponse[422] } : {}),
    ...(route.config?.rateLimit ? { 429: ErrorResponse[429] } : {}),
    500: ErrorResponse[500],
    503: ErrorResponse[503],
  };
}

/**
 * The document as a client reads it: a parameter or body field with a default is not
 * required (the server fills it in), and a body none of whose fields are required may be left out.
 */
function optionalWhereDefaulted<T>(document: T): T {
  if (!isObject(document) || !isObject(document.paths)) return document;
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(isObject(operations) ? operations : {})) {
      if (!isObject(operation)) continue;
      for (const parameter of Array.isArray(operation.parameters) ? operation.parameters : []) {
        if (isObject(parameter) && hasDefault(parameter.schema)) parameter.required = false;
      }
      const body = operation.requestBody;
      const media = isObject(body) && isObject(body.content) ? body.content['application/json'] : undefined;
      if (!isObject(body) || !isObject(media) || !isObject(media.schema)) continue;
      const schema = media.schema;
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = (Array.isArray(schema.required) ? schema.required : []).filter((name) => typeof name === 'string' && !hasDefault(properties[name]));
      if (required.length > 0) schema.required = required;
      else delete schema.required;
      body.required = required.length > 0;
    }
  }
  return document;
}

/**
 * Swagger UI's own files (its page, scripts, logo), found from its package rather than from
 * where its code runs: dist/ bundles its code (see scripts/build-server-if-needed.mjs).
 */
function swaggerUiFiles() {
  const baseDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static');
  return { baseDir, logo: { type: 'image/svg+xml', content: readFileSync(path.join(baseDir, 'logo.svg')) } };
}

export default fp(async function openapi(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (route.schema?.hide) return;
    const publicRoute = (route.config?.role ?? (route.url.startsWith('/api/') ? 'viewer' : 'public')) === 'public';
    route.schema = {
      ...route.schema,
      ...(publicRoute ? { security: [] } : {}),
      response: { ...standardErrors(route), ...(route.schema?.response ?? {}) },
    };
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'tourney',
        version: '0.1.0',
        description: 'Tournament operations engine: launch, generate, play, rank and complete tournaments. '
          + 'Errors always have the shape {"error": {"code", "message", "details"}}.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transformObject: (document) => ('openapiObject' in document ? optionalWhereDefaulted(document.openapiObject) : document.swaggerObject),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, ...swaggerUiFiles() });
  app.get('/openapi.json', { config: { role: 'public' }, schema: { hide: true } }, async () => app.swagger());
});
