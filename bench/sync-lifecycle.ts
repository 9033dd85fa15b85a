/**
 * npm run bench:sync — the synchronous run-scenario (generate, simulate, rank in one call)
 * at 64 and 127 players on the embedded default (PGlite on disk), through the HTTP edge.
 * Prints the median and p90 of each stage over RUNS runs after WARMUP discarded ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/http/app.ts';
import { InProcessQueue } from '../src/jobs/in-process-queue.ts';
import type { ServiceContext } from '../src/services/context.ts';
import { ensureAdmin } from '../src/services/manage-users.ts';
import { randomIds, systemClock } from '../src/services/system-ports.ts';
import { openDatabase } from '../src/storage/database.ts';
import { SqlStore } from '../src/storage/store.ts';
import { quantile } from './figures.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const WARMUP = 5;
const SIZES = [64, 127];
const STAGES = ['create', 'enroll', 'generate', 'simulate', 'rank', 'total'];

const dataDir = mkdtempSync(path.join(tmpdir(), 'tourney-bench-'));
const database = await openDatabase({ dataDir });
const store = new SqlStore(database.db);
const ctx: ServiceContext = { store, queue: undefined as never, clock: systemClock, ids: randomIds, asyncThreshold: 128 };
ctx.queue = new InProcessQueue(() => ctx);
const app = await buildApp({ ctx, jwtSecret: 'bench-secret-bench-secret-bench-secret-00' });
await ensureAdmin(store, 'admin@bench', 'bench-password');
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@bench', password: 'bench-password' } });
const authorization = `Bearer ${login.json().access_token}`;

console.log(`bench:sync — run-scenario on embedded PGlite (${dataDir}), ${RUNS} runs after ${WARMUP} warm-up, medians (p90) in ms\n`);
const rows: string[][] = [];
for (const players of SIZES) {
  const samples: Record<string, number[]> = Object.fromEntries([...STAGES, 'http'].map((s) => [s, []]));
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/tournaments/ops/run-scenario', headers: { authorization }, payload: { player_count: players, seed: run } });
    const http = performance.now() - t0;
    if (res.statusCode !== 201) throw new Error(`run-scenario answered ${res.statusCode}: ${res.body}`);
    const body = res.json();
    if (body.rankings_count !== players) throw new Error(`expected ${players} rankings, got ${body.rankings_count}`);
    process.stdout.write(`\r  ${players} players: run ${run + 1}/${WARMUP + RUNS}`);
    if (run < WARMUP) continue;
    for (const stage of STAGES) samples[stage].push(body.timings_ms[stage]);
    samples.http.push(http);
  }
  process.stdout.write('\n');
  rows.push([String(players), ...[...STAGES, 'http'].map((s) => `${quantile(samples[s], 0.5).toFixed(1)} (${quantile(samples[s], 0.9).toFixed(1)})`)]);
}
const header = ['players', ...STAGES, 'http'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
console.log('\n' + line(header));
for (const row of rows) console.log(line(row));
const total127 = Number(rows[1][STAGES.indexOf('total') + 1].split(' ')[0]);
console.log(`\n127 players generated, simulated and ranked: median ${total127.toFixed(1)} ms (target < 100 ms): ${total127 < 100 ? 'met' : 'NOT met'}`);

await app.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
