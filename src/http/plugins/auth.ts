/**
 * Auth at the edge. Every route under /api/ needs a credential unless it says `role: 'public'`;
 * a route names the least role it needs (viewer < operator < admin).
 *
 * Credentials:
 * - the access token (login), as `Authorization: Bearer`: a JWT with `exp` (12 h), the user id,
 *   role and the user's token version;
 * - a ticket (POST /api/v1/auth/ticket), in the URL where a header cannot be sent (EventSource,
 *   the Bull Board page): a JWT of 60 s for one purpose (`events:<tournament id>`, `queue_board`);
 * - a calendar feed token (POST /api/v1/auth/feed-token), in schedule.ics URLs: random, stored
 *   hashed, revocable;
 * - the Bull Board cookie, set by the board from a ticket (see queue-board.ts).
 *
 * Every JWT is checked against the user as stored now (TokenHolders, cached 5 s): a deleted
 * user, or a token version that a role or password change has bumped, is a 401.
 */
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthenticatedError } from '../../services/errors.ts';
import { feedTokenHolder, TokenHolders } from '../../services/authenticate.ts';
import type { Role, Store, UserAccess } from '../../services/ports.ts';
import { TICKET_SECONDS } from '../contract/auth.ts';

export type RouteRole = Role | 'public';

/** Who made the request, as stored now. */
export interface TokenClaims {
  sub: number;
  email: string;
  role: Role;
}

/** What a JWT carries. `typ` is absent on access tokens. */
interface SignedClaims extends TokenClaims {
  ver: number;
  typ?: 'ticket' | 'board';
  scope?: string;
  exp?: number;
}

export type TokenKind = 'access' | 'ticket' | 'board';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role the route needs; 'public' for none. Routes under /api/ default to viewer. */
    role?: RouteRole;
    /** Accept a ticket as ?ticket= with scope `<this>:<the route's :id>` (EventSource cannot send headers). */
    ticket?: 'events';
    /** Accept a calendar feed token as ?feed_token= (a calendar app cannot send headers). */
    feedToken?: boolean;
  }
  interface FastifyInstance {
    access: Access;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: SignedClaims;
    user: TokenClaims;
  }
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export const TOKEN_LIFETIME = '12h';
export const BOARD_SESSION_SECONDS = 3600;

const REVOKED = 'this token was revoked (the role or password changed); log in again';

/** Signs and checks the JWTs of every kind. */
export class Access {
  constructor(
    private readonly app: FastifyInstance,
    readonly holders: TokenHolders,
  ) {}

  accessToken(user: UserAccess): string {
    return this.app.jwt.sign({ sub: user.id, email: user.email, role: user.role, ver: user.tokenVersion });
  }

  ticket(user: TokenClaims, scope: string): Promise<string> {
    return this.signAs(user, 'ticket', scope, TICKET_SECONDS);
  }

  boardSession(user: TokenClaims): Promise<string> {
    return this.signAs(user, 'board', 'queue_board', BOARD_SESSION_SECONDS);
  }

  private async signAs(user: TokenClaims, typ: 'ticket' | 'board', scope: string, seconds: number): Promise<string> {
    const holder = await this.holders.find(user.sub);
    if (!holder) throw new UnauthenticatedError('the account behind this token no longer exists');
    return this.app.jwt.sign({ sub: holder.id, email: holder.email, role: holder.role, ver: holder.tokenVersion, typ, scope }, { expiresIn: `${seconds}s` });
  }

  /** The user a JWT of `kind` (and `scope`) names, as stored now; 401 for anything else. */
  async verify(token: string, kind: TokenKind, scope?: string): Promise<TokenClaims> {
    let claims: SignedClaims;
    try {
      claims = this.app.jwt.verify<SignedClaims>(token);
    } catch {
      throw new UnauthenticatedError(`the ${kind === 'access' ? 'token' : kind === 'ticket' ? 'ticket' : 'board session'} is invalid or expired; ${kind === 'ticket' ? 'ask for a new one' : 'log in again'}`);
    }
    if (typeof claims.exp !== 'number') throw new UnauthenticatedError('the token has no expiry (exp); log in again');
    if ((claims.typ ?? 'access') !== kind) {
      throw new UnauthenticatedError(kind === 'ticket' ? 'this is not a ticket: ask POST /api/v1/auth/ticket for one' : `a ${claims.typ === 'board' ? 'board session' : 'ticket'} is not accepted here: send the access token`);
    }
    if (scope !== undefined && claims.scope !== scope) throw new UnauthenticatedError(`this ticket is not for ${scope}; ask for a ticket for it`);
    if (typeof claims.sub !== 'number' || typeof claims.ver !== 'number') throw new UnauthenticatedError(REVOKED);
    const holder = await this.holders.find(claims.sub);
    if (!holder) throw new UnauthenticatedError('the account behind this token no longer exists');
    if (holder.tokenVersion !== claims.ver || holder.role !== claims.role) throw new UnauthenticatedError(REVOKED);
    return { sub: holder.id, email: holder.email, role: holder.role };
  }
}

/** The token of `Authorization: Bearer <token>`; undefined without the header, '' when it is not that form. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
}

export function requireRole(user: TokenClaims, need: Role, what = 'this'): void {
  if (RANK[user.role] === undefined || RANK[user.role] < RANK[need]) {
    throw new ForbiddenError(`${what} needs the ${need} role; you are ${user.role}`, { required_role: need, role: user.role });
  }
}

export default fp(async function auth(app: FastifyInstance, options: { secret: string; store: Store }) {
  await app.register(fastifyJwt, { secret: options.secret, sign: { expiresIn: TOKEN_LIFETIME } });
  const access = new Access(app, new TokenHolders(options.store));
  app.decorate('access', access);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    // No route: the answer (404 or 405) tells nothing a token would guard.
    if (request.is404) return;
    const config = request.routeOptions.config;
    const need = config.role ?? (request.url.startsWith('/api/') ? 'viewer' : 'public');
    if (need === 'public') return;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const bearer = bearerToken(request);
    if (bearer !== undefined) {
      if (!bearer) throw new UnauthenticatedError('send the token as Authorization: Bearer <token>');
      request.user = await access.verify(bearer, 'access');
    } else if (config.ticket && typeof query.ticket === 'string') {
      const id = (request.params as Record<string, unknown> | undefined)?.id;
      request.user = await access.verify(query.ticket, 'ticket', `${config.ticket}:${String(id)}`);
    } else if (config.feedToken && typeof query.feed_token === 'string') {
      const holder = await feedTokenHolder(options.store, query.feed_token);
      if (!holder) throw new UnauthenticatedError('the feed token is unknown or was revoked; make a new one with POST /api/v1/auth/feed-token');
      request.user = { sub: holder.id, email: holder.email, role: holder.role };
    } else {
      const alternative = config.ticket ? ', or a ticket as ?ticket= (POST /api/v1/auth/ticket)' : config.feedToken ? ', or a feed token as ?feed_token= (POST /api/v1/auth/feed-token)' : '';
      throw new UnauthenticatedError(`log in first: send Authorization: Bearer <token>${alternative}`);
    }
    requireRole(request.user, need);
  });
});
