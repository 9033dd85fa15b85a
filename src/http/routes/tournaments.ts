import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { EmptyBody } from '../contract/primitives.ts';
import { RankingListQuery, RankingPage } from '../contract/rankings.ts';
import {
  CreateTournamentBody,
  EnrollBody,
  EnrollReply,
  GenerationStatus,
  QueuedReply,
  RankingsCountReply,
  SimulateBody,
  SimulateReply,
  StartReply,
  TaskParams,
  Tournament,
  TournamentDetail,
  TournamentListQuery,
  TournamentPage,
  TournamentParams,
} from '../contract/tournaments.ts';
import { actorOf } from './event-day.ts';
import { generationStatusJson, nextKey, rankingJson, tournamentDetailJson, tournamentJson } from '../wire.ts';

const tournamentRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  const tags = ['tournaments'];
  const detail = async (id: number) => tournamentDetailJson(await getTournament(ctx.store, id));
  const notFound = { 404: ErrorResponse[404] };
  const refused = { 404: ErrorResponse[404], 409: ErrorResponse[409] };

  app.get('/api/v1/tournaments', {
    schema: { tags, summary: 'Tournaments, newest first', querystring: TournamentListQuery, response: { 200: TournamentPage } },
  }, async (request) => {
    const q = request.query;
    const items = await listTournaments(ctx.store, { status: q.status, limit: q.limit, beforeId: q.before_id });
    return { items: items.map(tournamentJson), next_before_id: nextKey(items, q.limit) };
  });

  app.post('/api/v1/tournaments', {
    config: { role: 'operator' },
    schema: { tags, summary: 'Create a tournament (DRAFT)', body: CreateTournamentBody, response: { 201: Tournament } },
  }, async (request, reply) => {
    const created = await createTournament(ctx.store, request.body);
    return reply.status(201).send(tournamentJson(created));
  });

  app.get('/api/v1/tournaments/:id', {
    schema: { tags, summary: 'A tournament with its counts and latest task', params: TournamentParams, response: { 200: TournamentDetail, ...notFound } },
  }, async (request) => detail(request.params.id));

  app.post('/api/v1/tournaments/:id/enrollments', {
    config: { role: 'operator' },
    schema: { tags, summary: 'Enroll players, seeded in the order given', params: TournamentParams, body: EnrollBody, response: { 201: EnrollReply, ...refused } },
  }, async (request, reply) => {
    const outcome = await enrollPlayers(ctx.store, request.params.id, request.body.player_ids);
    return reply.status(201).send({
      enrolled: outcome.enrolled.map((e) => ({ player_id: e.playerId, seed: e.seed })),
      enrolled_count: outcome.enrolledCount,
    });
  });

  app.post('/api/v1/tournaments/:id/start', {
    config: { role: 'operator' },
    schema: {
      tags,
      summary: 'Start: generate sessions (queued from the async threshold up)',
      params: TournamentParams,
      body: EmptyBody,
      response: { 200: StartReply, ...refused, 503: ErrorResponse[503] },
    },
  }, async (request) => {
    const outcome = await startTournament(ctx, request.params.id);
    return { task_id: outcome.taskId, mode: outcome.mode, sessions_count: outcome.sessionsCount };
  });

  app.post('/api/v1/tournaments/:id/cancel', {
    config: { role: 'operator' },
    schema: { tags, summary: 'Cancel (any status before COMPLETED)', params: TournamentParams, body: EmptyBody, response: { 200: TournamentDetail, ...refused } },
  }, async (request) => {
    await cancelTournament(ctx.store, request.params.id);
    return detail(request.params.id);
  });

  app.post('/api/v1/tournaments/:id/generate-sessions', {
    config: { role: 'admin' },
    schema: {
      tags,
      summary: 'Queue session generation again (recovery); idempotent',
      params: TournamentParams,
      body: EmptyBody,
      response: { 202: QueuedReply, ...refused, 503: ErrorResponse[503] },
    },
  }, async (request, reply) => {
    const taskId = await requestGeneration(ctx, request.params.id);
    return reply.status(202).send({ task_id: taskId, status: 'queued' });
  });

  app.get('/api/v1/tournaments/:id/generation-status/:task_id', {
    schema: { tags, summary: 'State and metrics of a generation task', params: TaskParams, response: { 200: GenerationStatus, ...notFound } },
  }, async (request) => generationStatusJson(await getGenerationStatus(ctx.store, request.params.id, request.params.task_id)));

  app.post('/api/v1/tournaments/:id/simulate-results', {
    config: { role: 'admin' },
    schema: { tags, summary: 'Play every remaining session with a seeded PRNG', params: TournamentParams, body: SimulateBody, response: { 200: SimulateReply, ...refused } },
  }, async (request) => {
    const outcome = await simulateResults(ctx.store, request.params.id, request.body.seed, { force: request.body.force, actor: actorOf(request) });
    return {
      simulated_count: outcome.simulatedCount,
      added_count: outcome.addedCount,
      sessions_count: outcome.sessionsCount,
      results_submitted: outcome.resultsSubmitted,
    };
  });

  app.post('/api/v1/tournaments/:id/calculate-rankings', {
    config: { role: 'operator' },
    schema: { tags, summary: 'Rank every player once all results are in', params: TournamentParams, body: EmptyBody, response: { 200: RankingsCountReply, ...refused } },
  }, async (request) => {
    const outcome = await calculateRankings(ctx.store, request.params.id);
    return { rankings_count: outcome.rankingsCount };
  });

  app.get('/api/v1/tournaments/:id/rankings', {
    schema: { tags, summary: 'Rankings by rank, paged', params: TournamentParams, querystring: RankingListQuery, response: { 200: RankingPage, ...notFound } },
  }, async (request) => {
    const q = request.query;
    const page = await listRankings(ctx.store, request.params.id, { limit: q.limit, offset: q.offset, search: q.search });
    return { items: page.items.map(rankingJson), total: page.total };
  });

  app.post('/api/v1/tournaments/:id/complete', {
    config: { role: 'operator' },
    schema: { tags, summary: 'IN_PROGRESS → COMPLETED once every result is in', params: TournamentParams, body: EmptyBody, response: { 200: TournamentDetail, ...refused } },
  }, async (request) => {
    const done = await completeTournament(ctx.store, request.params.id);
    return tournamentDetailJson(await getTournament(ctx.store, request.params.id, done));
  });
};

export default tournamentRoutes;
