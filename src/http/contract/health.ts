import { Type, type Static } from 'typebox';
import { ErrorResponse } from './errors.ts';

export const Liveness = Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false });
export type Liveness = Static<typeof Liveness>;

const DependencyState = Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]);

export const Readiness = Type.Object({
  status: Type.Literal('ok'),
  database: DependencyState,
  queue: DependencyState,
}, { additionalProperties: false, description: 'every dependency answers' });
export type Readiness = Static<typeof Readiness>;

/** 503 not_ready: details name each dependency's state and list the ones that are down. */
export const NotReady = { ...ErrorResponse[503], description: 'not ready: details.database, details.queue and details.down say which dependency does not answer' };
