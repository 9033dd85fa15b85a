/**
 * bbpPairings' checker on events WE paired: plays random whole Swiss events through the HTTP API
 * (the real app on an embedded PGlite, app.inject), exports each finished event as TRF
 * (GET /api/v1/tournaments/{id}/export.trf) and runs `bbpPairings --dutch <trf> -c` on it, which
 * re-pairs every round from the rounds before it and lists each round whose pairing differs.
 *
 *   npx tsx scripts/swiss-check.ts <bbpPairings binary> [--events N] [--seed S] [--keep <dir>] [--postgres <url>]
 *   npx tsx scripts/swiss-check.ts <bbpPairings binary> --files <trf file|dir>...
 *
 * An event: 5-200 players (log-uniform), 5-11 rounds (at most ceil(N/2)), the initial colour
 * drawn, created, given its players (name, rating) and seeded by rating, started; each round the
 * API pairs is played by entering results (draws, wins by rating, forfeits, double forfeits),
 * some players withdraw mid-round (their game a forfeit, absent from then on); every fifth event
 * has no forfeits nor withdrawals. An event a withdrawal leaves unpairable (409 swiss_unpairable)
 * is counted and left out. Prints events, rounds checked and rounds bbpPairings pairs otherwise.
 * Before the run, one exported event with a game's colours swapped must be reported (the
 * checker is not silent). Exit code 1 when any difference is reported.
 *
 * --postgres <server url> plays on a fresh database made on that PostgreSQL (dropped after)
 * instead of PGlite: the same app, several times less CPU a result than PGlite's WebAssembly.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/http/app.ts';
import { InProcessQueue } from '../src/jobs/in-process-queue.ts';
import { Prng } from '../src/domain/prng.ts';
import { parseTrf, trfPlayedRounds, writeTrf } from '../src/domain/trf.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { ensureAdmin } from '../src/services/manage-users.ts';
import { randomIds, systemClock } from '../src/services/system-ports.ts';
import { openDatabase } from '../src/storage/database.ts';
import { SqlStore } from '../src/storage/store.ts';
import { bbpVersion } from './swiss-fixtures.ts';

export interface CheckedFile {
  file: string;
  rounds: number;
  /** Rounds bbpPairings pairs differently (or finds no valid pairing for). */
  differing: number[];
  report: string;
}

/** `bbpPairings --dutch <file> -c`: one "<file>: Round #k" line per round, then a block only where it differs. */
export function bbpCheck(binary: string, file: string): CheckedFile {
  const run = spawnSync(binary, ['--dutch', file, '-c'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`bbpPairings -c failed (${run.status}) on ${file}: ${run.stdout}${run.stderr}`);
  const differing = new Set<number>();
  let round = 0;
  let seen = 0;
  for (const line of run.stdout.split('\n')) {
    const heading = /: Round #(\d+)$/.exec(line);
    if (heading) {
      round = Number(heading[1]);
      seen++;
    } else if (line.trim() !== '') differing.add(round);
  }
  const rounds = trfPlayedRounds(parseTrf(readFileSync(file, 'utf8')));
  if (seen !== rounds) throw new Error(`${file}: bbpPairings checked ${seen} rounds of ${rounds}`);
  return { file, rounds, differing: [...differing].sort((a, b) => a - b), report: run.stdout + run.stderr };
}

interface EventPlan {
  name: string;
  players: number;
  rounds: number;
  initialColour: 'white1' | 'black1';
  draw: number;
  forfeit: number;
  doubleForfeit: number;
  /** Per active player and round. */
  withdraw: number;
}

function planEvent(i: number, prng: Prng): EventPlan {
  const players = Math.round(5 * 40 ** prng.next());
  const quiet = i % 5 === 4;
  return {
    name: `Check ${i + 1}`,
    players,
    rounds: Math.min(prng.int(5, 11), Math.ceil(players / 2)),
    initialColour: prng.int(0, 1) ? 'black1' : 'white1',
    draw: [0, 0.15, 0.3, 0.45][prng.int(0, 3)],
    forfeit: quiet ? 0 : 0.04,
    doubleForfeit: quiet ? 0 : 0.01,
    withdraw: quiet ? 0 : 0.01,
  };
}

type Api = (method: 'GET' | 'POST', url: string, body?: unknown) => Promise<{ status: number; data: any; body: string }>;

async function openApi(postgres: string | undefined): Promise<{ call: Api; close: () => Promise<void> }> {
  const made = postgres ? await createDatabase(postgres) : null;
  const database = await openDatabase({ databaseUrl: made?.url, poolSize: 2 });
  const store = new SqlStore(database.db);
  // Every start pairs in the request, as below the async threshold.
  const ctx: ServiceContext = { store, queue: undefined as never, clock: systemClock, ids: randomIds, asyncThreshold: 1_000_000 };
  ctx.queue = new InProcessQueue(() => ctx);
  const app = await buildApp({ ctx, jwtSecret: 'swiss-check-secret-that-is-long-enough-0123' });
  await app.ready();
  await ensureAdmin(store, 'admin@check.local', 'admin-password-1');
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@check.local', password: 'admin-password-1' } });
  const token = login.json().access_token as string;
  const call: Api = async (method, url, body) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined ? { payload: body as object } : {}) });
    let data: unknown = null;
    try {
      data = res.json();
    } catch {
      data = null;
    }
    return { status: res.statusCode, data, body: res.body };
  };
  return {
    call,
    close: async () => {
      await app.close();
      await database.close();
      await made?.drop();
    },
  };
}

/** A fresh database on the PostgreSQL server at `serverUrl`, and how to drop it. */
async function createDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tourney_swiss_check_${Date.now().toString(36)}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

function must(res: { status: number; body: string }, what: string, ok = [200, 201]): void {
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${res.body}`);
}

class Unpairable extends Error {}

/** Plays one event through the API; its TRF once finished, or null when a round became unpairable. */
async function playEvent(call: Api, plan: EventPlan, prng: Prng): Promise<string | null> {
  const created = await call('POST', '/api/v1/tournaments', {
    name: plan.name,
    format: 'swiss',
    settings: { rounds: plan.rounds, initial_colour: plan.initialColour },
  });
  must(created, 'create');
  const id = created.data.id as number;
  const text = Array.from({ length: plan.players }, (_, i) => `Player ${String(i + 1).padStart(3, '0')}, ${prng.int(1000, 2700)}`).join('\n');
  must(await call('POST', `/api/v1/tournaments/${id}/participants`, { text }), 'participants');
  must(await call('POST', `/api/v1/tournaments/${id}/participants/seed`, { method: 'rating' }), 'seed');
  const rating = new Map<number, number>();
  for (const p of (await call('GET', `/api/v1/tournaments/${id}/participants?limit=1000`)).data.items) rating.set(p.player_id, p.rating);
  must(await call('POST', `/api/v1/tournaments/${id}/start`, {}), 'start');

  const active = new Set(rating.keys());
  const minActive = Math.max(4, Math.ceil(plan.players * 0.6));
  const sessions = async () => (await call('GET', `/api/v1/tournaments/${id}/sessions?limit=100000`)).data.items as any[];
  const guard = (res: { status: number; data: any; body: string }, what: string) => {
    if (res.status === 409 && res.data?.error?.code === 'swiss_unpairable') throw new Unpairable(res.body);
    must(res, what);
  };
  try {
    for (;;) {
      let pending = (await sessions()).filter((s) => !s.result_submitted);
      if (pending.length === 0) break;
      // Withdrawals during the round: the player's game is forfeited, they are not paired again.
      for (const s of pending) {
        for (const p of s.participants) {
          if (active.size > minActive && prng.next() < plan.withdraw) {
            active.delete(p.id);
            guard(await call('POST', `/api/v1/tournaments/${id}/participants/${p.id}/withdraw`, {}), 'withdraw');
          }
        }
      }
      pending = (await sessions()).filter((s) => !s.result_submitted && s.tournament_round === pending[0].tournament_round);
      for (const s of pending) {
        const [white, black] = s.participants.map((p: { id: number }) => p.id);
        const x = prng.next();
        let body: Record<string, unknown>;
        if (x < plan.doubleForfeit) body = { winner_id: null, score: null, outcome: 'walkover' };
        else if (x < plan.doubleForfeit + plan.forfeit) body = { winner_id: prng.int(0, 1) ? white : black, score: null, outcome: 'walkover' };
        else if (prng.next() < plan.draw) body = { winner_id: null, score: [1, 1] };
        else {
          const expected = 1 / (1 + 10 ** ((rating.get(black)! - rating.get(white)!) / 400));
          body = prng.next() < expected ? { winner_id: white, score: [1, 0] } : { winner_id: black, score: [0, 1] };
        }
        guard(await call('POST', `/api/v1/tournaments/${id}/sessions/${s.id}/result`, body), 'result');
      }
    }
  } catch (e) {
    if (e instanceof Unpairable) return null;
    throw e;
  }
  must(await call('POST', `/api/v1/tournaments/${id}/complete`, {}), 'complete');
  const trf = await call('GET', `/api/v1/tournaments/${id}/export.trf`);
  must(trf, 'export.trf', [200]);
  return trf.body;
}

/** The same event with the colours of round 1's first game swapped: the checker must report it. */
function corrupted(trf: string): string {
  const doc = parseTrf(trf);
  const white = doc.players.find((p) => p.rounds[0]?.colour === 'w')!;
  const black = doc.players[white.rounds[0].opponent! - 1];
  white.rounds[0] = { ...white.rounds[0], colour: 'b' };
  black.rounds[0] = { ...black.rounds[0], colour: 'w' };
  return writeTrf(doc);
}

function summary(checked: CheckedFile[], binary: string): number {
  const rounds = checked.reduce((s, c) => s + c.rounds, 0);
  const bad = checked.filter((c) => c.differing.length > 0);
  for (const c of bad) console.log(`${c.file}: rounds ${c.differing.join(', ')} differ\n${c.report}`);
  const differing = bad.reduce((s, c) => s + c.differing.length, 0);
  console.log(`checked ${checked.length} events, ${rounds} rounds: ${differing} rounds paired otherwise by ${bbpVersion(binary)}`);
  return differing;
}

async function main(argv: string[]): Promise<void> {
  const binary = argv[0];
  const opt = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  if (!binary || binary.startsWith('--')) throw new Error('usage: swiss-check.ts <bbpPairings binary> [--events N] [--seed S] [--keep <dir>] | --files <trf|dir>...');
  if (argv.includes('--files')) {
    const files = argv.slice(argv.indexOf('--files') + 1).flatMap((p) =>
      p.endsWith('.trf') ? [p] : readdirSync(p).filter((f) => f.endsWith('.trf')).sort().map((f) => join(p, f)));
    process.exitCode = summary(files.map((f) => bbpCheck(binary, f)), binary) ? 1 : 0;
    return;
  }
  const events = Number(opt('--events') ?? 300);
  const seed = Number(opt('--seed') ?? 1);
  const keep = opt('--keep');
  const work = mkdtempSync(join(tmpdir(), 'swiss-check-'));
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const api = await openApi(opt('--postgres'));
  const checked: CheckedFile[] = [];
  let unpairable = 0;
  try {
    for (let i = 0; i < events; i++) {
      const prng = new Prng(seed * 1_000_003 + i);
      const plan = planEvent(i, prng);
      const trf = await playEvent(api.call, plan, prng);
      if (trf === null) {
        unpairable++;
        console.log(`event ${i + 1}: ${plan.players} players, ${plan.rounds} rounds: unpairable after withdrawals, left out`);
        continue;
      }
      const file = join(work, `check-s${seed}-${String(i + 1).padStart(4, '0')}-n${plan.players}-r${plan.rounds}.trf`);
      writeFileSync(file, trf);
      if (checked.length === 0) {
        const bad = join(work, 'corrupted.trf');
        writeFileSync(bad, corrupted(trf));
        if (bbpCheck(binary, bad).differing[0] !== 1) throw new Error('the checker did not report a swapped game in round 1');
      }
      const result = bbpCheck(binary, file);
      checked.push(result);
      console.log(`event ${i + 1}: ${plan.players} players, ${plan.rounds} rounds, ${plan.initialColour}: ${result.differing.length ? `rounds ${result.differing.join(', ')} DIFFER` : 'no difference'}`);
    }
  } finally {
    await api.close();
  }
  if (keep) {
    mkdirSync(resolve(keep), { recursive: true });
    for (const c of checked) cpSync(c.file, join(resolve(keep), c.file.slice(work.length + 1)));
  }
  rmSync(work, { recursive: true, force: true });
  const cpu = process.cpuUsage(cpuStart);
  const differing = summary(checked, binary);
  console.log(
    `${unpairable} events left out (unpairable after withdrawals); ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s wall, ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU in node (bbpPairings apart), load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
  );
  process.exitCode = differing ? 1 : 0;
}

await main(process.argv.slice(2));
