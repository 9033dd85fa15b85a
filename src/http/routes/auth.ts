import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authenticate } from '../../services/authenticate.ts';
import type { RouteDeps } from '../app.ts';
import { LoginBody, LoginReply, Me } from '../contract/auth.ts';
import { ErrorResponse } from '../contract/errors.ts';

const authRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  const tags = ['auth'];
  app.post('/api/v1/auth/login', {
    config: { role: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Exchange email and password for a bearer token', body: LoginBody, response: { 200: LoginReply, 401: ErrorResponse[401] } },
  }, async (request) => {
    const user = await authenticate(ctx.store, request.body.email, request.body.password);
    const token = app.jwt.sign({ sub: user.id, email: user.email, role: user.role });
    return { access_token: token, token_type: 'bearer' as const, role: user.role, email: user.email };
  });

  app.get('/api/v1/auth/me', { schema: { tags, summary: 'Who the token belongs to', response: { 200: Me } } }, async (request) => ({
    id: request.user.sub,
    email: request.user.email,
    role: request.user.role,
  }));
};

export default authRoutes;
