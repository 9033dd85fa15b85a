/**
 * The wire contract: every request and response the API speaks, as TypeBox schemas (for the
 * server, which validates, serializes and documents with them) and as types (for the web
 * client and the test client, which import them with `import type`).
 */
export * from './auth.ts';
export * from './errors.ts';
export * from './event-day.ts';
export * from './events.ts';
export * from './formats.ts';
export * from './health.ts';
export * from './players.ts';
export * from './primitives.ts';
export * from './rankings.ts';
export * from './schedule.ts';
export * from './sessions.ts';
export * from './tournaments.ts';
export * from './users.ts';
export * from './phase-standings.ts';
export * from './trf.ts';
