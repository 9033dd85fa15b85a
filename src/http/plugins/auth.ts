/**
 * Bearer-token auth. Every route under /api/ needs a token unless it says `role: 'public'`;
 * a route names the least role it needs (viewer < operator < admin).
 */
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthenticatedError } from '../../services/errors.ts';
import type { Role } from '../../services/ports.ts';

export type RouteRole = Role | 'public';

export interface TokenClaims {
  sub: number;
  email: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role the route needs; 'public' for none. Routes under /api/ default to viewer. */
    role?: RouteRole;
    /** Accept the token as ?access_token= (EventSource cannot send headers). */
    queryToken?: boolean;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: TokenClaims;
  }
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export const TOKEN_LIFETIME = '12h';

export default fp(async function auth(app: FastifyInstance, options: { secret: string }) {
  await app.register(fastifyJwt, { secret: options.secret, sign: { expiresIn: TOKEN_LIFETIME } });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    // No route: the answer (404 or 405) tells nothing a token would guard.
    if (request.is404) return;
    const config = request.routeOptions.config;
    const need = config.role ?? (request.url.startsWith('/api/') ? 'viewer' : 'public');
    if (need === 'public') return;
    const query: unknown = request.query;
    const queryToken = config.queryToken && typeof query === 'object' && query !== null && 'access_token' in query ? query.access_token : undefined;
    try {
      if (typeof queryToken === 'string' && !request.headers.authorization) {
        request.user = app.jwt.verify<TokenClaims>(queryToken);
      } else {
        await request.jwtVerify();
      }
    } catch {
      throw new UnauthenticatedError(
        request.headers.authorization || queryToken ? 'the token is invalid or expired; log in again' : 'log in first: send Authorization: Bearer <token>',
      );
    }
    if (RANK[request.user.role] === undefined || RANK[request.user.role] < RANK[need]) {
      throw new ForbiddenError(`this needs the ${need} role; you are ${request.user.role}`, { required_role: need, role: request.user.role });
    }
  });
});
