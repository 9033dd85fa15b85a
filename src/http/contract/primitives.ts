/**
 * The building blocks every request and response schema uses, so a limit is decided once:
 * ids, 32-bit integers, text PostgreSQL will store as sent, UUIDs and page sizes.
 */
import { SYNC_TASK_ID } from '../../services/launch-scenario.ts';
import { Type, type TInteger, type TNull, type TSchema, type TString, type TUnion, type TNumberOptions, type TStringOptions } from 'typebox';

/** The largest id: ids are bigint columns, and JSON numbers are exact only up to 2^53 - 1. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/** The largest value of an integer column (counts, rounds, seeds, scores). */
export const MAX_INT32 = 2_147_483_647;

/**
 * Text PostgreSQL stores as sent: no NUL (text columns refuse it, jsonb refuses \u0000) and
 * no unpaired surrogate (it would be written as U+FFFD, or refused inside jsonb). Checked
 * with the u flag, so a surrogate pair (an emoji) is one character and passes.
 */
export const SAFE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';

/** A database id: an integer from 1 to 2^53 - 1. */
export const Id = (options: TNumberOptions = {}): TInteger => Type.Integer({ minimum: 1, maximum: MAX_ID, ...options });

/** An id to page after: 0 means from the start. */
export const AfterId = (options: TNumberOptions = {}): TInteger => Type.Integer({ minimum: 0, maximum: MAX_ID, ...options });

/** An integer an int4 column holds; `minimum` defaults to 0 (counts, scores). */
export const Int32 = (options: TNumberOptions = {}): TInteger => Type.Integer({ minimum: 0, maximum: MAX_INT32, ...options });

/** Text without NUL or unpaired surrogates; give it a maxLength. */
export const Text = (options: TStringOptions & { maxLength: number }): TString => Type.String({ pattern: SAFE_TEXT_PATTERN, ...options });

/** An email address as a person types it (the domain part is not checked further). */
export const Email = (options: TStringOptions = {}): TString =>
  Type.String({ pattern: '^[^\\s@\\u0000\\uD800-\\uDFFF]+@[^\\s@\\u0000\\uD800-\\uDFFF]+$', maxLength: 254, ...options });

/** A UUID in its plain 36-character form (the format alone would also let `urn:uuid:` through, which PostgreSQL refuses). */
export const UUID_PATTERN = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';

/** A UUID, as session and task ids are. */
export const Uuid = (options: TStringOptions = {}): TString => Type.String({ format: 'uuid', pattern: UUID_PATTERN, ...options });

/** A generation task id: "sync-done" (a launch that generated in the call) or a UUID. */
export const TASK_ID_PATTERN = `^(${SYNC_TASK_ID}|${UUID_PATTERN.slice(1, -1)})$`;
export const TaskId = (options: TStringOptions = {}): TString => Type.String({ pattern: TASK_ID_PATTERN, ...options });

/** An instant, ISO 8601 in UTC with milliseconds. */
export const Timestamp = (options: TStringOptions = {}): TString => Type.String({ format: 'date-time', ...options });

/** A page size: from 1 to `max`, `fallback` when not given. */
export const PageLimit = (max: number, fallback: number): TInteger =>
  Type.Integer({ minimum: 1, maximum: max, default: fallback, description: `page size, ${fallback} unless given, at most ${max}` });

/** An offset into a list. */
export const Offset = (): TInteger => Type.Integer({ minimum: 0, maximum: MAX_INT32, default: 0 });

/** `schema` or null. */
export const Nullable = <T extends TSchema>(schema: T): TUnion<[T, TNull]> => Type.Union([schema, Type.Null()]);

/** A JSON object of any keys (format settings, error details). */
export const FreeObject = (options: { description?: string } = {}) => Type.Record(Type.String(), Type.Unknown(), options);

/** A body with no fields; may be omitted. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });

/** A request type as clients send it: the fields the server fills with a default may be left out. */
export type WithDefaults<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
