/**
 * The only reader of process.env. The variables are one TypeBox schema (`Env`): each set
 * variable is converted (an integer's text to a number) and checked against its own schema
 * with TypeBox's Value.Check, each unset one takes its default; a bad value stops start with a
 * message naming the variable, what it accepts and what it got. An empty variable counts as
 * unset. (No Ajv here: env-schema built an Ajv instance and compiled this schema at every
 * start, 0.1-0.2 s of a start's CPU, to check a score of strings once.)
 */
import path from 'node:path';
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const integer = (minimum: number, maximum: number, fallback: number) =>
  Type.Integer({ minimum, maximum, default: fallback, description: `an integer from ${minimum} to ${maximum}` });

/** Values never repeated in an error message. */
const SECRETS = new Set(['ADMIN_PASSWORD', 'TOURNEY_TOKEN', 'TOURNEY_PASSWORD', 'JWT_SECRET']);

/**
 * Every variable tourney reads (README.md's configuration table says what each is for); the
 * description says what it accepts, and is the wording of its error.
 */
export const Env = Type.Object({
  PORT: integer(0, 65535, 3000),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'a host name or address' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', description: 'a postgres:// or postgresql:// URL (unset: the embedded database)' })),
  DATABASE_CONNECT_TIMEOUT_MS: integer(100, 600_000, 5_000),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(0, 86_400_000, 300_000),
  DATA_DIR: Type.String({ minLength: 1, default: './.tourney', description: 'a directory' }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://', description: 'a redis:// or rediss:// URL (unset: the in-process queue)' })),
  QUEUE_PREFIX: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', default: 'tourney', description: '1-64 letters, digits or _.:-' }),
  ASYNC_THRESHOLD: integer(2, 1_048_577, 128),
  ADMIN_EMAIL: Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', default: 'admin@localhost', description: 'an email address' }),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8, description: 'at least 8 characters' })),
  TOURNEY_TOKEN: Type.Optional(Type.String({ description: 'a bearer token' })),
  TOURNEY_PASSWORD: Type.Optional(Type.String({ description: 'a password' })),
  JWT_SECRET: Type.Optional(Type.String({ description: '32 or more characters' })),
  NODE_ENV: Type.String({ default: 'development', description: 'a name (production, development, test)' }),
  LOG_LEVEL: Type.Optional(Type.Union(LOG_LEVELS.map((level) => Type.Literal(level)), { description: `one of ${LOG_LEVELS.join(', ')}` })),
  WORKER_CONCURRENCY: integer(1, 64, 1),
  STALLED_INTERVAL_MS: integer(1_000, 600_000, 15_000),
});
export type Env = Static<typeof Env>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** How long connecting to PostgreSQL may take (and waiting for a free pool slot). */
  databaseConnectTimeoutMs: number;
  /** Longest a statement may run on PostgreSQL; 0 for no limit. */
  databaseStatementTimeoutMs: number;
  dataDir: string;
  redisUrl: string | undefined;
  /** BullMQ key prefix, so runs and environments sharing one Redis never collide. */
  queuePrefix: string;
  asyncThreshold: number;
  adminEmail: string;
  adminPassword: string | undefined;
  /** The CLI's credentials for a running server (TOURNEY_TOKEN, or TOURNEY_PASSWORD for its login). */
  cliToken: string | undefined;
  cliPassword: string | undefined;
  jwtSecret: string | undefined;
  nodeEnv: string;
  logLevel: string;
  workerConcurrency: number;
  /**
   * The longest a job of a dead worker (SIGKILL, lost host) waits before another worker takes it
   * over: the job lock's lifetime plus BullMQ's stalled-check period, both cut from this budget.
   */
  stalledIntervalMs: number;
}

export class ConfigError extends Error {}

type RawEnv = Record<string, string | undefined>;

/**
 * A variable's text as its schema's type: a number for an integer (as Ajv's coerceTypes did:
 * any text Number() reads; the schema then wants an integer in range), else the text itself.
 */
function converted(schema: TSchema & { type?: unknown }, text: string): unknown {
  if (schema.type !== 'integer') return text;
  const value = Number(text);
  return text.trim() !== '' && !Number.isNaN(value) ? value : text;
}

/** The schema's verdict, as one sentence per bad variable: `NAME must be <what it accepts>, got "<value>"`. */
function parseEnv(env: RawEnv): Env {
  // Empty means unset, as a shell's `VAR=` does; and only the schema's variables are read.
  const parsed: Record<string, unknown> = {};
  const bad: string[] = [];
  for (const [name, schema] of Object.entries(Env.properties as Record<string, TSchema & { default?: unknown }>)) {
    const text = env[name];
    if (text === undefined || text === '') {
      if (schema.default !== undefined) parsed[name] = schema.default;
      continue;
    }
    const value = converted(schema, text);
    if (Value.Check(schema, value)) parsed[name] = value;
    else bad.push(name);
  }
  if (bad.length > 0) {
    throw new ConfigError(
      bad
        .map((name) => {
          const accepts = (Env.properties as Record<string, TSchema & { description?: string }>)[name]?.description;
          return `${name} must be ${accepts ?? 'valid'}${SECRETS.has(name) ? '' : `, got "${env[name]}"`}`;
        })
        .join('; '),
    );
  }
  return parsed as Env;
}

function checkUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${value}"`);
  }
  return value;
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: RawEnv = process.env): Config {
  const parsed = parseEnv(env);
  const jwtSecret = parsed.JWT_SECRET;
  if (jwtSecret !== undefined && jwtSecret.trim() === '') {
    throw new ConfigError('JWT_SECRET is only whitespace: set it to 32 or more characters, or unset it to use one generated in DATA_DIR');
  }
  if (parsed.NODE_ENV === 'production' && !jwtSecret) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  }
  if (jwtSecret !== undefined && jwtSecret.trim().length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters (not counting surrounding whitespace)');
  }
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: checkUrl('DATABASE_URL', parsed.DATABASE_URL),
    databaseConnectTimeoutMs: parsed.DATABASE_CONNECT_TIMEOUT_MS,
    databaseStatementTimeoutMs: parsed.DATABASE_STATEMENT_TIMEOUT_MS,
    dataDir: path.resolve(parsed.DATA_DIR),
    redisUrl: checkUrl('REDIS_URL', parsed.REDIS_URL),
    queuePrefix: parsed.QUEUE_PREFIX,
    asyncThreshold: parsed.ASYNC_THRESHOLD,
    adminEmail: parsed.ADMIN_EMAIL,
    adminPassword: parsed.ADMIN_PASSWORD,
    cliToken: parsed.TOURNEY_TOKEN,
    cliPassword: parsed.TOURNEY_PASSWORD,
    jwtSecret,
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL ?? (parsed.NODE_ENV === 'test' ? 'warn' : 'info'),
    workerConcurrency: parsed.WORKER_CONCURRENCY,
    stalledIntervalMs: parsed.STALLED_INTERVAL_MS,
  };
}
