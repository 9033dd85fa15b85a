import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { ForbiddenError } from '../../services/errors.ts';
import { addParticipants, readParticipantCsv, readParticipantEntries, readParticipantList } from '../../services/add-participants.ts';
import { correctResult } from '../../services/correct-result.ts';
import { deleteDraft, editTournament } from '../../services/edit-tournament.ts';
import { currentStandings, resultsCsv, standingsCsv } from '../../services/export-tournament.ts';
import { getTournamentRecord } from '../../services/load-tournament.ts';
import { listParticipants, removeParticipant } from '../../services/manage-participants.ts';
import type { Actor, ParticipantRecord, Store } from '../../services/ports.ts';
import { readAudit } from '../../services/read-audit.ts';
import { reorderParticipants, seedParticipants } from '../../services/seed-participants.ts';
import { setSharing } from '../../services/share-tournament.ts';
import { withdrawParticipant } from '../../services/withdraw-participant.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import {
  AddParticipantsBody,
  AuditPage,
  AuditQuery,
  CorrectionQuery,
  CsvText,
  DeletedReply,
  EditTournamentBody,
  ImportReply,
  OrderBody,
  ParticipantList,
  ParticipantListQuery,
  ParticipantParams,
  SeedBody,
  SharingBody,
  SharingReply,
  StandingsQuery,
  StandingsReply,
  WithdrawalReply,
} from '../contract/event-day.ts';
import { EmptyBody } from '../contract/primitives.ts';
import { CorrectionReply, ResultBody, SessionParams } from '../contract/sessions.ts';
import { Tournament, TournamentParams } from '../contract/tournaments.ts';
import { auditJson, participantJson, sessionJson, standingJson, tournamentJson } from '../wire.ts';

/** The signed-in user as the audit log records them. */
export function actorOf(request: FastifyRequest): Actor {
  return { id: request.user?.sub ?? null, email: request.user?.email ?? null };
}

async function participantList(store: Store, id: number, items?: ParticipantRecord[], page?: { limit: number; afterSeed?: number }) {
  const tournament = await getTournamentRecord(store, id);
  return { items: (items ?? (await listParticipants(store, id, page))).map(participantJson), seeding: tournament.seeding };
}

/** Participants, corrections, withdrawals, the audit log, edits, sharing and exports of one tournament. */
const eventDayRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  const tags = ['events'];
  const refused = { 404: ErrorResponse[404], 409: ErrorResponse[409] };

  // CSV arrives as text; only this plugin's routes accept it.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get('/api/v1/tournaments/:id/participants', {
    schema: { tags, summary: 'Participants by seed, with rating, club and withdrawal', params: TournamentParams, querystring: ParticipantListQuery, response: { 200: ParticipantList, 404: ErrorResponse[404] } },
  }, async (request) => participantList(ctx.store, request.params.id, undefined, { limit: request.query.limit, afterSeed: request.query.after_seed }));

  app.post('/api/v1/tournaments/:id/participants', {
    config: { role: 'operator' },
    schema: {
      tags,
      summary: 'Add participants by name (typed, or a pasted list: one a line, `name, rating, club`), seeded after those in',
      params: TournamentParams,
      body: AddParticipantsBody,
      response: { 201: ParticipantList, ...refused },
    },
  }, async (request, reply) => {
    const { participants, text } = request.body;
    if ((participants === undefined) === (text === undefined)) throw new ValidationError('participants', 'give either participants or text, not both and not neither');
    const entries = participants !== undefined ? readParticipantEntries(participants) : readParticipantList(text!);
    const items = await addParticipants(ctx.store, request.params.id, entries);
    return reply.status(201).send(await participantList(ctx.store, request.params.id, items));
  });

  app.post('/api/v1/tournaments/:id/participants/import', {
    config: { role: 'operator' },
    schema: {
      tags,
      summary: 'Import participants from CSV (text/csv) with a header row: name, and optionally rating and club; a bad row is a 422 naming its line, and nothing is imported',
      params: TournamentParams,
      body: { type: 'string', description: 'text/csv' },
      response: { 201: ImportReply, ...refused },
    },
  }, async (request, reply) => {
    const type = String(request.headers['content-type'] ?? '');
    if (!type.startsWith('text/csv') && !type.startsWith('text/plain')) throw new ValidationError('content-type', 'must be text/csv');
    const read = readParticipantCsv(String(request.body ?? ''));
    const items = await addParticipants(ctx.store, request.params.id, read.participants);
    return reply.status(201).send({
      ...(await participantList(ctx.store, request.params.id, items)),
      imported_count: read.participants.length,
      ignored_columns: read.ignoredColumns,
    });
  });

  app.post('/api/v1/tournaments/:id/participants/seed', {
    config: { role: 'operator' },
    schema: { tags, summary: 'Seed by order of entry, by rating (highest first) or by a recorded random draw', params: TournamentParams, body: SeedBody, response: { 200: ParticipantList, ...refused } },
  }, async (request) => {
    const out = await seedParticipants(ctx, request.params.id, request.body.method, request.body.seed);
    return { items: out.participants.map(participantJson), seeding: out.seeding };
  });

  app.put('/api/v1/tournaments/:id/participants/order', {
    config: { role: 'operator' },
    schema: { tags, summary: 'Put every participant in this order (seed 1 first), before the start', params: TournamentParams, body: OrderBody, response: { 200: ParticipantList, ...refused } },
  }, async (request) => participantList(ctx.store, request.params.id, await reorderParticipants(ctx.store, request.params.id, request.body.player_ids)));

  app.delete('/api/v1/tournaments/:id/participants/:player_id', {
    config: { role: 'operator' },
    schema: { tags, summary: 'Remove a participant before the start (the seeds close up)', params: ParticipantParams, response: { 200: ParticipantList, ...refused } },
  }, async (request) => participantList(ctx.store, request.params.id, await removeParticipant(ctx.store, request.params.id, request.params.player_id)));

  app.post('/api/v1/tournaments/:id/participants/:player_id/withdraw', {
    config: { role: 'operator' },
    schema: {
      tags,
      summary: "Withdraw a participant: their remaining matches become walkovers (a league follows settings.withdrawal); they are not paired again",
      params: ParticipantParams,
      body: EmptyBody,
      response: { 200: WithdrawalReply, ...refused },
    },
  }, async (request) => {
    const out = await withdrawParticipant(ctx.store, request.params.id, request.params.player_id, actorOf(request));
    return { walkover_session_ids: out.walkoverSessionIds, expunged_session_ids: out.expungedSessionIds, added_count: out.addedCount };
  });

  app.put('/api/v1/tournaments/:id/sessions/:session_id/result', {
    config: { role: 'operator' },
    schema: {
      tags: ['sessions'],
      summary: 'Correct a result: the right player replaces the wrong one in the next session and the playoff; later results that stand on it are a 409 naming them, cleared with cascade=true (admin)',
      params: SessionParams,
      querystring: CorrectionQuery,
      body: ResultBody,
      response: { 200: CorrectionReply, ...refused },
    },
  }, async (request) => {
    const cascade = request.query.cascade === true;
    if (cascade && request.user.role !== 'admin') {
      throw new ForbiddenError('cascade=true clears later results: it needs the admin role', { required_role: 'admin', role: request.user.role });
    }
    const { winner_id, score, outcome } = request.body;
    const out = await correctResult(ctx.store, request.params.id, request.params.session_id, {
      winnerId: winner_id,
      score: score === null || score === undefined ? null : [score[0], score[1]],
      outcome,
    }, { cascade, actor: actorOf(request) });
    return { session: sessionJson(out.session), cleared_session_ids: out.clearedSessionIds, changed_session_ids: out.changedSessionIds };
  });

  app.get('/api/v1/tournaments/:id/audit', {
    schema: { tags, summary: 'Every result, correction and withdrawal: who, when, before and after; newest first', params: TournamentParams, querystring: AuditQuery, response: { 200: AuditPage, 404: ErrorResponse[404] } },
  }, async (request) => {
    const q = request.query;
    const items = await readAudit(ctx.store, request.params.id, { sessionId: q.session_id, limit: q.limit, beforeId: q.before_id });
    return { items: items.map(auditJson), next_before_id: items.length === q.limit ? items[items.length - 1].id : null };
  });

  app.patch('/api/v1/tournaments/:id', {
    config: { role: 'operator' },
    schema: { tags: ['tournaments'], summary: 'Rename; change settings before the start', params: TournamentParams, body: EditTournamentBody, response: { 200: Tournament, ...refused } },
  }, async (request) => tournamentJson(await editTournament(ctx.store, request.params.id, request.body)));

  app.delete('/api/v1/tournaments/:id', {
    config: { role: 'operator' },
    schema: { tags: ['tournaments'], summary: 'Delete a tournament that has not started (cancel one that has)', params: TournamentParams, response: { 200: DeletedReply, ...refused } },
  }, async (request) => {
    await deleteDraft(ctx.store, request.params.id);
    return { id: request.params.id, deleted: true as const };
  });

  app.put('/api/v1/tournaments/:id/sharing', {
    config: { role: 'operator' },
    schema: { tags, summary: 'Turn the public page (/t/{slug}, no login) on or off; the link stays the same', params: TournamentParams, body: SharingBody, response: { 200: SharingReply, 404: ErrorResponse[404] } },
  }, async (request) => {
    const t = await setSharing(ctx, request.params.id, request.body.sharing);
    return { sharing: t.sharing, slug: t.shareSlug, path: t.shareSlug ? `/t/${t.shareSlug}` : null };
  });

  app.get('/api/v1/tournaments/:id/standings', {
    schema: { tags, summary: 'Standings now: the rankings once calculated, else from the results so far', params: TournamentParams, querystring: StandingsQuery, response: { 200: StandingsReply, 404: ErrorResponse[404] } },
  }, async (request) => {
    const s = await currentStandings(ctx.store, request.params.id);
    const { limit, offset } = request.query;
    return { items: s.rows.slice(offset, offset + limit).map(standingJson), total: s.rows.length, final: s.final };
  });

  for (const [kind, make] of [['standings', standingsCsv], ['results', resultsCsv]] as const) {
    app.get(`/api/v1/tournaments/:id/export/${kind}.csv`, {
      schema: { tags, summary: `The ${kind} as CSV`, params: TournamentParams, response: { 200: CsvText, 404: ErrorResponse[404] } },
    }, async (request, reply) => {
      const csv = await make(ctx.store, request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="tournament-${request.params.id}-${kind}.csv"`)
        .send(csv);
    });
  }
};

export default eventDayRoutes;
