/**
 * The only reader of process.env. Parses and validates once; a bad value stops start
 * with a message naming the variable and what it accepts.
 */
import path from 'node:path';

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

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${raw}`);
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL (${protocols.join(' or ')}), got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.trim() === '') {
    throw new ConfigError('JWT_SECRET is only whitespace: set it to 32 or more characters, or unset it to use one generated in DATA_DIR');
  }
  if (nodeEnv === 'production' && !jwtSecret) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production');
  }
  if (jwtSecret !== undefined && jwtSecret.trim().length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters (not counting surrounding whitespace)');
  }
  const adminEmail = env.ADMIN_EMAIL || 'admin@localhost';
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) throw new ConfigError(`ADMIN_EMAIL must be an email address, got "${adminEmail}"`);
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD must be at least 8 characters');
  }
  const logLevel = env.LOG_LEVEL || (nodeEnv === 'test' ? 'warn' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "${logLevel}"`);
  }
  const queuePrefix = env.QUEUE_PREFIX || 'tourney';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(queuePrefix)) {
    throw new ConfigError(`QUEUE_PREFIX must be 1-64 letters, digits or _.:-, got "${queuePrefix}"`);
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseConnectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
    databaseStatementTimeoutMs: integer(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 300_000, 0, 86_400_000),
    dataDir: path.resolve(env.DATA_DIR || './.tourney'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    queuePrefix,
    asyncThreshold: integer(env, 'ASYNC_THRESHOLD', 128, 2, 1_048_577),
    adminEmail,
    adminPassword,
    cliToken: env.TOURNEY_TOKEN || undefined,
    cliPassword: env.TOURNEY_PASSWORD || undefined,
    jwtSecret,
    nodeEnv,
    logLevel,
    workerConcurrency: integer(env, 'WORKER_CONCURRENCY', 1, 1, 64),
    stalledIntervalMs: integer(env, 'STALLED_INTERVAL_MS', 15_000, 1_000, 600_000),
  };
}
