import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { describeError, isTransient, sentence } from './error-text.ts';

describe('error text for people', () => {
  it('words each kind of failure, saying whether the page retries by itself', () => {
    expect(describeError(new ApiError(0, 'network', 'no answer'), true)).toBe('The server cannot be reached (the connection dropped). Retrying…');
    expect(describeError(new ApiError(503, 'database_unavailable', 'the database cannot be reached'), false)).toBe('The server is not answering (503). Try again in a moment.');
    expect(describeError(new ApiError(504, 'http_504', 'Gateway Timeout'), true)).toBe('The server is not answering (504). Retrying…');
    expect(describeError(new ApiError(500, 'internal', 'request 7 failed'), false)).toBe('The server had a problem (500). Try again in a moment.');
    expect(describeError(new ApiError(401, 'unauthenticated', 'token expired'), true)).toBe('Your sign-in has expired. Sign in again.');
    expect(describeError(new ApiError(403, 'forbidden', 'needs admin'), true)).toBe('Your role does not allow this.');
    expect(describeError(new ApiError(429, 'rate_limited', 'slow down'), false)).toBe('The server asks us to slow down (429). Try again in a moment.');
    expect(describeError(new TypeError('x is undefined'), false)).toBe('Something went wrong in the page while talking to the server. Try again in a moment.');
  });

  it("gives a 4xx in the API's own words, as a sentence", () => {
    const refused = new ApiError(409, 'invalid_status', 'cannot start: tournament 4 is COMPLETED, not DRAFT or ENROLLMENT_OPEN');
    expect(describeError(refused, false)).toBe('Cannot start: tournament 4 is COMPLETED, not DRAFT or ENROLLMENT_OPEN.');
    expect(sentence('  already done!  ')).toBe('Already done!');
    expect(sentence('')).toBe('The server refused the request.');
  });

  it('retries only what the server or the network may fix', () => {
    expect([0, 429, 500, 503].map((status) => isTransient(new ApiError(status, 'x', 'y')))).toEqual([true, true, true, true]);
    expect([400, 401, 403, 404, 409, 422].map((status) => isTransient(new ApiError(status, 'x', 'y')))).toEqual([false, false, false, false, false, false]);
    expect(isTransient(new Error('boom'))).toBe(false);
  });

  it('lists the fields the API named, from one field or from many', () => {
    expect(new ApiError(422, 'validation_failed', 'player_count: must be at least 2', { field: 'player_count', reason: 'must be at least 2' }).fieldProblems()).toEqual([
      { field: 'player_count', reason: 'must be at least 2' },
    ]);
    const many = new ApiError(422, 'validation_failed', 'body is invalid', { fields: [{ field: 'seed', reason: 'must be an integer' }, { field: 'name' }, 'junk'] });
    expect(many.fieldProblems()).toEqual([
      { field: 'seed', reason: 'must be an integer' },
      { field: 'name', reason: 'is invalid' },
    ]);
  });
});
