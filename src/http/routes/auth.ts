import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authenticate } from '../../services/authenticate.ts';
import type { AppDeps } from '../app.ts';

const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export default async function authRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  app.post('/api/v1/auth/login', {
    config: { role: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Exchange email and password for a bearer token', body: LoginBody, security: [] },
  }, async (request) => {
    const { email, password } = request.body as { email: string; password: string };
    const user = await authenticate(ctx.store, email, password);
    const token = app.jwt.sign({ sub: user.id, email: user.email, role: user.role });
    return { access_token: token, token_type: 'bearer', role: user.role, email: user.email };
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'Who the token belongs to' } }, async (request) => ({
    id: request.user.sub,
    email: request.user.email,
    role: request.user.role,
  }));
}
