/**
 * One owner for the embedded database, and start-up refusals. A server on PGlite owns its
 * DATA_DIR: a second server is refused at once with a message naming it, the CLI beside it
 * works through it over HTTP (and the server sees what the CLI did), a directory held by a
 * CLI is refused to both, and a lock whose process is gone is taken over. Start-up stops with
 * exit 78 and a message for a taken port, a DATABASE_URL that is not PostgreSQL and a
 * JWT_SECRET of whitespace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/storage/data-dir-lock.ts';
import { e2eEnvironment } from '../support/e2e-stack.ts';
import { freePort } from '../support/free-port.ts';
import { RUN_MARKER, startProcess, type ExitInfo, type ManagedProcess } from '../support/managed-process.ts';
import { ORPHAN_GUARD, REPO_ROOT, baseEnv } from '../support/stack.ts';
import { TourneyClient } from '../support/tourney-client.ts';
import { StopWaiting, waitFor } from '../support/wait-for.ts';

const ADMIN = { email: 'admin@owner.test', password: 'owner-admin-password-1' };
// Opening an embedded database costs seconds of CPU, a minute or more on a loaded machine:
// deadlines for a process that hangs, not expectations of speed.
const PROCESS_DEADLINE_MS = 300_000;
const SLOW_TEST_MS = 400_000;

let count = 0;
function directory(label: string): string {
  const dir = path.join(e2eEnvironment().runDir, 'embedded-owner', `${label}-${++count}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function spawnTourney(name: string, entry: 'server' | 'cli', env: Record<string, string>, args: string[] = []): ManagedProcess {
  const environment = e2eEnvironment();
  return startProcess({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', '--import', ORPHAN_GUARD, `src/${entry}.ts`, ...args],
    cwd: REPO_ROOT,
    env: { ...baseEnv(), NODE_ENV: 'test', LOG_LEVEL: 'warn', ADMIN_EMAIL: ADMIN.email, [RUN_MARKER]: environment.runId, ...env },
    logDir: path.join(environment.runDir, 'embedded-owner'),
  });
}

/** Runs a process to its end; its exit and everything it printed. */
async function run(name: string, entry: 'server' | 'cli', env: Record<string, string>, args: string[] = []): Promise<{ exit: ExitInfo; output: string }> {
  const child = spawnTourney(name, entry, env, args);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} still runs after ${PROCESS_DEADLINE_MS / 1000} s:\n${child.tail(30)}`)), PROCESS_DEADLINE_MS);
  });
  try {
    const exit = await Promise.race([child.exited, late]);
    return { exit, output: readFileSync(child.logFile, 'utf8') };
  } finally {
    clearTimeout(timer);
    await child.kill();
  }
}

describe('one owner for the embedded database', () => {
  let dataDir: string;
  let server: ManagedProcess;
  let url: string;
  let api: TourneyClient;
  const serverEnv = () => ({ DATA_DIR: dataDir, ADMIN_PASSWORD: ADMIN.password });

  beforeAll(async () => {
    dataDir = directory('owned');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawnTourney('owner-server', 'server', { ...serverEnv(), PORT: String(port) });
    api = new TourneyClient(url);
    await waitFor(async () => {
      if (!server.alive) throw new StopWaiting(`the server exited ${JSON.stringify(server.exit)}:\n${server.tail(30)}`);
      return (await api.request('GET', '/readyz', undefined, 2_000)).status === 200;
    }, { timeout: PROCESS_DEADLINE_MS, interval: 100, what: 'the server on the embedded database to be ready' });
    await api.login(ADMIN.email, ADMIN.password);
  }, SLOW_TEST_MS);
  afterAll(async () => {
    await server?.stop('SIGTERM', 10_000);
  });

  it('the lock names the server, and a second server on the same DATA_DIR is refused at once with what to do', async () => {
    const lock = JSON.parse(readFileSync(path.join(dataDir, 'owner.lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: server.pid, host: os.hostname(), role: 'server', url });
    const second = await run('second-server', 'server', { ...serverEnv(), PORT: String(await freePort()) });
    expect(second.exit).toEqual({ code: 75, signal: null });
    expect(second.output).toContain(`tourney: the embedded database in ${dataDir} is in use by a tourney server (pid ${server.pid}, since ${lock.startedAt}, serving ${url}).\n`);
    expect(second.output).toContain('Only one process may open it. Stop that process first, or give this one another DATA_DIR, or set DATABASE_URL so that processes share PostgreSQL.');
    expect(second.output).toContain('CLI commands reach the running server by themselves over HTTP (or pass --url).');
    expect(server.alive).toBe(true);
  });

  it('the CLI beside the server works through it over HTTP: a lifecycle and a user the server then knows', async () => {
    const cliEnv = { ...serverEnv() };
    const [lifecycle, user] = await Promise.all([
      run('cli-lifecycle', 'cli', cliEnv, ['lifecycle', '--players', '200', '--seed', '3']),
      run('cli-create-user', 'cli', cliEnv, ['create-user', '--email', 'desk@owner.test', '--role', 'operator', '--password', 'desk-password-1']),
    ]);
    expect(lifecycle.exit).toEqual({ code: 0, signal: null });
    const lines = lifecycle.output.trim().split('\n');
    expect(lines[0]).toBe(`using the tourney server at ${url} (it owns ${dataDir})`);
    const summary = /^tournament (\d+) \(knockout, 200 players, async\): 200 sessions, 200 rankings$/.exec(lines.at(-2)!);
    expect(summary).not.toBeNull();
    expect(lines.at(-1)).toMatch(/^launch [\d.]+ ms \| sessions [\d.]+ ms \| results [\d.]+ ms \| rankings [\d.]+ ms \| complete [\d.]+ ms \| total [\d.]+ ms$/);
    const tournament = await api.tournament(Number(summary![1]));
    expect(tournament).toMatchObject({ status: 'COMPLETED', counts: { enrolled: 200, sessions: 200, results_submitted: 200, rankings: 200 } });

    expect(user.exit).toEqual({ code: 0, signal: null });
    expect(user.output).toBe(`using the tourney server at ${url} (it owns ${dataDir})\ncreated operator desk@owner.test\n`);
    expect((await new TourneyClient(url).request('POST', '/api/v1/auth/login', { email: 'desk@owner.test', password: 'desk-password-1' })).status).toBe(200);
  });

  it('the CLI without credentials for the server says how to give them', async () => {
    const refused = await run('cli-no-login', 'cli', { DATA_DIR: dataDir }, ['create-user', '--email', 'x@owner.test', '--role', 'viewer']);
    expect(refused.exit).toEqual({ code: 64, signal: null });
    expect(refused.output).toContain(`the server at ${url} needs a login: set TOURNEY_PASSWORD (for ${ADMIN.email}; --login EMAIL for another user) or TOURNEY_TOKEN`);
  });

  it('a directory a CLI holds is refused to a server and to another CLI', async () => {
    const held = directory('held');
    // This test process holds it, as a CLI would.
    const lock = acquireDataDirLock(held, 'cli');
    try {
      const [serverRefused, cliRefused] = await Promise.all([
        run('server-on-held', 'server', { DATA_DIR: held, PORT: String(await freePort()), ADMIN_PASSWORD: ADMIN.password }),
        run('cli-on-held', 'cli', { DATA_DIR: held }, ['migrate']),
      ]);
      for (const refused of [serverRefused, cliRefused]) {
        expect(refused.exit).toEqual({ code: 75, signal: null });
        expect(refused.output).toContain(`is in use by a tourney command (npm run cli) (pid ${process.pid}, since ${lock.owner.startedAt}).`);
      }
    } finally {
      lock.release();
    }
    expect(existsSync(path.join(held, 'owner.lock'))).toBe(false);
  });

  it('on SIGTERM the server lets go of the directory; a lock left by a dead process is taken over, and the CLI opens the same database itself', async () => {
    expect(await server.stop('SIGTERM', 15_000)).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dataDir, 'owner.lock'))).toBe(false);
    // As if a process had died holding it: its pid no longer runs.
    const gone = spawnSync('true').pid;
    writeFileSync(path.join(dataDir, 'owner.lock'), JSON.stringify({ pid: gone, host: os.hostname(), role: 'server', startedAt: '2026-01-01T00:00:00.000Z', nonce: 'gone' }));
    // What the CLI wrote through the server is in this one database.
    const again = await run('cli-local', 'cli', { DATA_DIR: dataDir }, ['create-user', '--email', 'desk@owner.test', '--role', 'operator', '--password', 'desk-password-1']);
    expect(again).toMatchObject({ exit: { code: 1, signal: null }, output: 'tourney: a user with email desk@owner.test already exists\n' });
    expect(existsSync(path.join(dataDir, 'owner.lock'))).toBe(false);
  }, SLOW_TEST_MS);
});

describe('start-up refusals: exit 78 with what to change', () => {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  /** A TCP server on a free port that answers every connection with `reply` (or nothing). */
  async function impostor(reply: string | null): Promise<number> {
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
      if (reply !== null) socket.end(reply);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as net.AddressInfo).port;
  }
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
  });

  it('a taken PORT, a DATABASE_URL that is silent or answers as something else, a JWT_SECRET of whitespace', async () => {
    const [taken, silent, http] = await Promise.all([impostor(null), impostor(null), impostor('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n')]);
    const started = performance.now();
    const [port, quiet, web, secret] = await Promise.all([
      run('taken-port', 'server', { DATA_DIR: directory('taken-port'), PORT: String(taken) }),
      run('silent-database', 'server', { DATABASE_URL: `postgres://postgres@127.0.0.1:${silent}/tourney`, DATABASE_CONNECT_TIMEOUT_MS: '1000', PORT: '0' }),
      run('http-database', 'server', { DATABASE_URL: `postgres://postgres@127.0.0.1:${http}/tourney`, PORT: '0' }),
      run('blank-secret', 'server', { DATA_DIR: directory('blank-secret'), JWT_SECRET: '   \t ', PORT: '0' }),
    ]);
    expect(port.exit).toEqual({ code: 78, signal: null });
    expect(port.output).toContain(`tourney: PORT ${taken} is in use; set PORT to a free port (or stop the process listening on 127.0.0.1:${taken})\n`);
    expect(quiet.exit).toEqual({ code: 78, signal: null });
    expect(quiet.output).toContain(`tourney: DATABASE_URL (127.0.0.1:${silent}/tourney) did not answer as PostgreSQL within 1000 ms (DATABASE_CONNECT_TIMEOUT_MS); check the host and port\n`);
    expect(web.exit).toEqual({ code: 78, signal: null });
    expect(web.output).toMatch(new RegExp(`tourney: DATABASE_URL \\(127\\.0\\.0\\.1:${http}/tourney\\) does not lead to PostgreSQL \\(.+\\); check the host and port\\n`));
    expect(secret.exit).toEqual({ code: 78, signal: null });
    expect(secret.output).toContain('tourney: configuration error: JWT_SECRET is only whitespace: set it to 32 or more characters, or unset it to use one generated in DATA_DIR\n');
    // The silent one gave up on its own deadline, not the test's.
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});
