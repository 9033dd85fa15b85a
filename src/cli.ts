/**
 * The command line: the same use-cases as the API, for operators at a terminal.
 *
 *   npm run cli -- migrate
 *   npm run cli -- create-user --email ops@example.org --role operator [--password …]
 *   npm run cli -- lifecycle --players 1024 [--format knockout] [--seed 1]
 *
 * It reads the same configuration as the server (DATABASE_URL, REDIS_URL, DATA_DIR, …) and
 * works in this process, unless a server owns the embedded database in DATA_DIR (or --url
 * names one): then it signs in to that server and does the same over HTTP, because one
 * process only may open an embedded database. Without REDIS_URL queued generation runs inside
 * this process; with it, a worker must be running.
 */
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.ts';
import { DomainError } from './domain/errors.ts';
import { getFormat } from './domain/formats/registry.ts';
import { RemoteError, openHttpOperations } from './cli/http-operations.ts';
import { runLifecycle } from './cli/lifecycle.ts';
import { openLocalOperations } from './cli/local-operations.ts';
import type { Operations } from './cli/operations.ts';
import { promptPassword } from './cli/password-prompt.ts';
import { generatePassword } from './services/passwords.ts';
import { describeStartFailure } from './start-failure.ts';
import { DataDirLockedError, readDataDirOwner } from './storage/data-dir-lock.ts';

const USAGE = `usage: npm run cli -- <command> [options]
  migrate                                   apply pending migrations and exit
  create-user --email E --role R [--password P]
                                            R: admin, operator or viewer; a missing password is generated and printed once
  lifecycle --players N [--format F] [--seed S] [--timeout-s T]
                                            launch → sessions → results → rankings → COMPLETED, with progress
options of every command:
  --url URL       work through the tourney server at URL (HTTP) instead of opening the database;
                  the default when a server owns the embedded database in DATA_DIR
  --login EMAIL   whom to sign in as on that server (default ADMIN_EMAIL); the password comes from
                  TOURNEY_PASSWORD, else ADMIN_PASSWORD, else a prompt; TOURNEY_TOKEN skips the login`;

// A starting server holds the directory before it listens: give it this long to say where.
const SERVER_URL_WAIT_MS = 30_000;

class UsageError extends Error {}

/** The server that owns the embedded database, once it says where it listens; null when none does. */
async function owningServerUrl(config: Config): Promise<string | null> {
  if (config.databaseUrl) return null;
  const deadline = Date.now() + SERVER_URL_WAIT_MS;
  for (;;) {
    const owner = readDataDirOwner(config.dataDir);
    if (!owner) return null;
    if (owner.role !== 'server') throw new DataDirLockedError(config.dataDir, owner, `${config.dataDir}/owner.lock`);
    if (owner.url) return owner.url;
    if (Date.now() > deadline) throw new DataDirLockedError(config.dataDir, owner, `${config.dataDir}/owner.lock`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openOperations(config: Config, url: string | undefined, login: string | undefined): Promise<Operations> {
  const serverUrl = url ?? (await owningServerUrl(config));
  if (!serverUrl) return openLocalOperations(config);
  const email = login ?? config.adminEmail;
  return openHttpOperations(serverUrl, {
    token: config.cliToken,
    email,
    password: async () => {
      const known = config.cliPassword ?? (email === config.adminEmail ? config.adminPassword : undefined);
      if (known) return known;
      if (!process.stdin.isTTY) {
        throw new UsageError(`the server at ${serverUrl} needs a login: set TOURNEY_PASSWORD (for ${email}; --login EMAIL for another user) or TOURNEY_TOKEN`);
      }
      return promptPassword(`password for ${email} at ${serverUrl}: `);
    },
  }, url ? '' : ` (it owns ${config.dataDir})`);
}

async function main(config: Config, argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      players: { type: 'string' },
      format: { type: 'string', default: 'knockout' },
      seed: { type: 'string', default: '1' },
      'timeout-s': { type: 'string', default: '600' },
      url: { type: 'string' },
      login: { type: 'string' },
    },
    strict: true,
  });
  const [command, ...extra] = positionals;
  if (!command || !['migrate', 'create-user', 'lifecycle'].includes(command)) throw new UsageError(USAGE);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"\n${USAGE}`);
  if (values.url !== undefined && !/^https?:\/\/[^\s/]+/.test(values.url)) throw new UsageError(`--url must be an http(s) URL, got "${values.url}"`);

  let players = 0;
  let role: 'admin' | 'operator' | 'viewer' | undefined;
  if (command === 'create-user') {
    const r = values.role;
    if (!values.email || (r !== 'admin' && r !== 'operator' && r !== 'viewer')) throw new UsageError('create-user needs --email and --role admin|operator|viewer');
    role = r;
  }
  if (command === 'lifecycle') {
    players = Number(values.players);
    if (!Number.isInteger(players)) throw new UsageError('lifecycle needs --players, an integer');
    // Refused before the database opens (seconds for the embedded one); the use-case checks again.
    getFormat(values.format!).validate(players, {});
  }

  const ops = await openOperations(config, values.url, values.login);
  opened = ops;
  try {
    if (ops.target.startsWith('the tourney server')) console.log(`using ${ops.target}`);
    if (command === 'migrate') {
      console.log(await ops.migrate());
    } else if (command === 'create-user') {
      const password = values.password ?? generatePassword();
      const user = await ops.createUser({ email: values.email!, password, role: role! });
      console.log(`created ${user.role} ${user.email}${values.password ? '' : `; password (shown once): ${password}`}`);
    } else {
      await runLifecycle(ops, { players, format: values.format!, seed: Number(values.seed), timeoutMs: Number(values['timeout-s']) * 1000 });
    }
  } finally {
    await ops.close();
  }
}

// Ctrl-C or a supervisor's SIGTERM: close the database (the embedded one flushes and lets go
// of its directory) before leaving; a second signal leaves at once.
let opened: Operations | undefined;
let stopping = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(code);
    stopping = true;
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.error(`tourney: ${signal}: stopping`);
    void (opened?.close() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(code));
  });
}

async function run(): Promise<void> {
  try {
    await main(loadConfig(), process.argv.slice(2));
  } catch (error) {
    if (process.stdout.isTTY) process.stdout.write('\n');
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(error.message);
      process.exit(64);
    }
    if (error instanceof DomainError || error instanceof RemoteError) {
      console.error(`tourney: ${error.message}`);
      process.exit(1);
    }
    const failure = describeStartFailure(error);
    // Anything but a start failure (a generation that failed, a server that went away) is said as it is.
    console.error(`tourney: ${failure.code === 1 ? `failed: ${error instanceof Error ? error.message : String(error)}` : failure.message}`);
    process.exit(failure.code);
  }
}

void run();
