import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { TOURNAMENT_STATUSES, type TournamentStatus } from '../../domain/lifecycle.ts';
import { calculateRankings } from '../../services/calculate-rankings.ts';
import { cancelTournament } from '../../services/cancel-tournament.ts';
import { completeTournament } from '../../services/complete-tournament.ts';
import { createTournament } from '../../services/create-tournament.ts';
import { enrollPlayers } from '../../services/enroll-players.ts';
import { getGenerationStatus } from '../../services/get-generation-status.ts';
import { listRankings } from '../../services/list-rankings.ts';
import { requestGeneration } from '../../services/request-generation.ts';
import { simulateResults } from '../../services/simulate-results.ts';
import { startTournament } from '../../services/start-tournament.ts';
import { getTournament, listTournaments } from '../../services/view-tournaments.ts';
import type { AppDeps } from '../app.ts';
import { EmptyBody, PageLimit, TaskParams, TournamentParams } from '../schemas.ts';
import { generationStatusJson, rankingJson, tournamentDetailJson, tournamentJson, tournamentListJson } from '../wire.ts';

const ListQuery = Type.Object({
  status: Type.Optional(Type.Union(TOURNAMENT_STATUSES.map((s) => Type.Literal(s)))),
  limit: PageLimit(200, 50),
  before_id: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });

const CreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  format: Type.String({ minLength: 1, maxLength: 64, default: 'knockout' }),
  settings: Type.Optional(Type.Object({}, { additionalProperties: true })),
}, { additionalProperties: false });

const EnrollBody = Type.Object({
  player_ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 10_000 }),
}, { additionalProperties: false });

const SimulateBody = Type.Object({
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295 })),
}, { additionalProperties: false });

const RankingsQuery = Type.Object({
  limit: PageLimit(1000, 100),
  offset: Type.Integer({ minimum: 0, default: 0 }),
  search: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: false });

type Params = Static<typeof TournamentParams>;

export default async function tournamentRoutes(app: FastifyInstance, { ctx }: AppDeps) {
  const tags = ['tournaments'];
  const detail = async (id: number) => tournamentDetailJson(await getTournament(ctx.store, id));

  app.get('/api/v1/tournaments', { schema: { tags, summary: 'Tournaments, newest first', querystring: ListQuery } }, async (request) => {
    const q = request.query as Static<typeof ListQuery>;
    const items = await listTournaments(ctx.store, { status: q.status as TournamentStatus | undefined, limit: q.limit, beforeId: q.before_id });
    return tournamentListJson(items, q.limit);
  });

  app.post('/api/v1/tournaments', { config: { role: 'operator' }, schema: { tags, summary: 'Create a tournament (DRAFT)', body: CreateBody } }, async (request, reply) => {
    const body = request.body as Static<typeof CreateBody>;
    const created = await createTournament(ctx.store, { name: body.name, format: body.format, settings: body.settings as Record<string, unknown> });
    return reply.status(201).send(tournamentJson(created));
  });

  app.get('/api/v1/tournaments/:id', { schema: { tags, summary: 'A tournament with its counts and latest task', params: TournamentParams } }, async (request) =>
    detail((request.params as Params).id));

  app.post('/api/v1/tournaments/:id/enrollments', { config: { role: 'operator' }, schema: { tags, summary: 'Enroll players, seeded in the order given', params: TournamentParams, body: EnrollBody } }, async (request, reply) => {
    const { id } = request.params as Params;
    const outcome = await enrollPlayers(ctx.store, id, (request.body as Static<typeof EnrollBody>).player_ids);
    return reply.status(201).send({
      enrolled: outcome.enrolled.map((e) => ({ player_id: e.playerId, seed: e.seed })),
      enrolled_count: outcome.enrolledCount,
    });
  });

  app.post('/api/v1/tournaments/:id/start', { config: { role: 'operator' }, schema: { tags, summary: 'Start: generate sessions (queued from the async threshold up)', params: TournamentParams, body: EmptyBody } }, async (request) => {
    const outcome = await startTournament(ctx, (request.params as Params).id);
    return { task_id: outcome.taskId, mode: outcome.mode, sessions_count: outcome.sessionsCount };
  });

  app.post('/api/v1/tournaments/:id/cancel', { config: { role: 'operator' }, schema: { tags, summary: 'Cancel (any status before COMPLETED)', params: TournamentParams, body: EmptyBody } }, async (request) => {
    const { id } = request.params as Params;
    await cancelTournament(ctx.store, id);
    return detail(id);
  });

  app.post('/api/v1/tournaments/:id/generate-sessions', { config: { role: 'admin' }, schema: { tags, summary: 'Queue session generation again (recovery); idempotent', params: TournamentParams, body: EmptyBody } }, async (request, reply) => {
    const taskId = await requestGeneration(ctx, (request.params as Params).id);
    return reply.status(202).send({ task_id: taskId, status: 'queued' });
  });

  app.get('/api/v1/tournaments/:id/generation-status/:task_id', { schema: { tags, summary: 'State and metrics of a generation task', params: TaskParams } }, async (request) => {
    const { id, task_id } = request.params as Static<typeof TaskParams>;
    return generationStatusJson(await getGenerationStatus(ctx.store, id, task_id));
  });

  app.post('/api/v1/tournaments/:id/simulate-results', { config: { role: 'admin' }, schema: { tags, summary: 'Play every remaining session with a seeded PRNG', params: TournamentParams, body: SimulateBody } }, async (request) => {
    const { id } = request.params as Params;
    const seed = (request.body as Static<typeof SimulateBody> | undefined)?.seed;
    const outcome = await simulateResults(ctx.store, id, seed);
    return {
      simulated_count: outcome.simulatedCount,
      added_count: outcome.addedCount,
      sessions_count: outcome.sessionsCount,
      results_submitted: outcome.resultsSubmitted,
    };
  });

  app.post('/api/v1/tournaments/:id/calculate-rankings', { config: { role: 'operator' }, schema: { tags, summary: 'Rank every player once all results are in', params: TournamentParams, body: EmptyBody } }, async (request) => {
    const outcome = await calculateRankings(ctx.store, (request.params as Params).id);
    return { rankings_count: outcome.rankingsCount };
  });

  app.get('/api/v1/tournaments/:id/rankings', { schema: { tags, summary: 'Rankings by rank, paged', params: TournamentParams, querystring: RankingsQuery } }, async (request) => {
    const q = request.query as Static<typeof RankingsQuery>;
    const page = await listRankings(ctx.store, (request.params as Params).id, { limit: q.limit, offset: q.offset, search: q.search });
    return { items: page.items.map(rankingJson), total: page.total };
  });

  app.post('/api/v1/tournaments/:id/complete', { config: { role: 'operator' }, schema: { tags, summary: 'IN_PROGRESS → COMPLETED once every result is in', params: TournamentParams, body: EmptyBody } }, async (request) => {
    const { id } = request.params as Params;
    await completeTournament(ctx.store, id);
    return detail(id);
  });
}
