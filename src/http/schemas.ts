/** Schemas shared by several routes. */
import { Type } from 'typebox';

export const TournamentParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991, description: 'tournament id' }),
});

export const SessionParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 }),
  session_id: Type.String({ format: 'uuid', description: 'session id' }),
});

export const TaskParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 9_007_199_254_740_991 }),
  task_id: Type.String({ minLength: 1, maxLength: 64, description: '"sync-done" or the UUID run-scenario returned' }),
});

export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const PageLimit = (max: number, fallback: number) =>
  Type.Integer({ minimum: 1, maximum: max, default: fallback });
