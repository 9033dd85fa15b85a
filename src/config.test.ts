import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const SECRET = 'x'.repeat(32);

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives every default from an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databaseConnectTimeoutMs: 5_000,
      databaseStatementTimeoutMs: 300_000,
      dataDir: path.resolve('./.tourney'),
      redisUrl: undefined,
      queuePrefix: 'tourney',
      asyncThreshold: 128,
      adminEmail: 'admin@localhost',
      adminPassword: undefined,
      cliToken: undefined,
      cliPassword: undefined,
      jwtSecret: undefined,
      nodeEnv: 'development',
      logLevel: 'info',
      workerConcurrency: 1,
      stalledIntervalMs: 15_000,
    });
  });

  it('reads and converts what is set, treats an empty variable as unset, and ignores the rest', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tourney',
      REDIS_URL: 'rediss://cache:6380',
      QUEUE_PREFIX: 'ci:run-7',
      ASYNC_THRESHOLD: '2',
      DATA_DIR: '/var/lib/tourney',
      WORKER_CONCURRENCY: '64',
      STALLED_INTERVAL_MS: '1000',
      NODE_ENV: 'test',
      JWT_SECRET: `  ${SECRET}  `,
      TOURNEY_FAULT_GENERATION: '1',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/tourney',
      redisUrl: 'rediss://cache:6380',
      queuePrefix: 'ci:run-7',
      asyncThreshold: 2,
      dataDir: '/var/lib/tourney',
      workerConcurrency: 64,
      stalledIntervalMs: 1000,
      nodeEnv: 'test',
      logLevel: 'warn',
      jwtSecret: `  ${SECRET}  `,
    });
    expect(Object.keys(config)).not.toContain('faultGeneration');
  });

  it('names the variable, what it accepts and what it got', () => {
    expect(refusal({ PORT: '70000' })).toBe('PORT must be an integer from 0 to 65535, got "70000"');
    expect(refusal({ PORT: 'http' })).toBe('PORT must be an integer from 0 to 65535, got "http"');
    expect(refusal({ ASYNC_THRESHOLD: '1.5' })).toBe('ASYNC_THRESHOLD must be an integer from 2 to 1048577, got "1.5"');
    expect(refusal({ WORKER_CONCURRENCY: '1.5' })).toBe('WORKER_CONCURRENCY must be an integer from 1 to 64, got "1.5"');
    expect(refusal({ LOG_LEVEL: 'loud' })).toBe('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"');
    expect(refusal({ DATABASE_URL: 'mysql://db/tourney' })).toBe('DATABASE_URL must be a postgres:// or postgresql:// URL (unset: the embedded database), got "mysql://db/tourney"');
    expect(refusal({ REDIS_URL: 'http://cache' })).toBe('REDIS_URL must be a redis:// or rediss:// URL (unset: the in-process queue), got "http://cache"');
    expect(refusal({ ADMIN_EMAIL: 'admin' })).toBe('ADMIN_EMAIL must be an email address, got "admin"');
  });

  it('lists every bad variable at once', () => {
    expect(refusal({ WORKER_CONCURRENCY: '0', QUEUE_PREFIX: 'a b' })).toBe(
      'QUEUE_PREFIX must be 1-64 letters, digits or _.:-, got "a b"; WORKER_CONCURRENCY must be an integer from 1 to 64, got "0"',
    );
  });

  it('never repeats a secret in its message', () => {
    expect(refusal({ ADMIN_PASSWORD: 'hunter2' })).toBe('ADMIN_PASSWORD must be at least 8 characters');
    expect(refusal({ JWT_SECRET: 'short-secret' })).toBe('JWT_SECRET must be at least 32 characters (not counting surrounding whitespace)');
  });

  it('holds JWT_SECRET to its rules: not only whitespace, required in production', () => {
    expect(refusal({ JWT_SECRET: '    ' })).toBe('JWT_SECRET is only whitespace: set it to 32 or more characters, or unset it to use one generated in DATA_DIR');
    expect(refusal({ NODE_ENV: 'production' })).toBe('JWT_SECRET is required when NODE_ENV=production');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET })).toMatchObject({ nodeEnv: 'production', jwtSecret: SECRET, logLevel: 'info' });
  });
});
