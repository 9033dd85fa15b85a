/**
 * Regenerates tests/fixtures/tie-breaks/c07-reference.json.gz: the FIDE C.07 tie-break values
 * and ranks of the golden Swiss events (tests/fixtures/swiss/*.json, their final TRF) as
 * computed by FIDE's tie-break reference program, TieBreakServer (github OttoMilvang/
 * TieBreakServer, MIT, by the author of the regulations; Python 3 with networkx), given the
 * path of a checkout:
 *
 *   npx tsx scripts/tie-break-fixtures.ts <TieBreakServer checkout>
 *
 * Its answers are kept as data, with each event's TRF, so `npm test` checks agreement without
 * the program (tests/unit/swiss-tie-breaks-c07.test.ts). No TieBreakServer code is committed.
 * It runs `tiebreakchecker.py -s` (Swiss rules) three times per event:
 * - `PTS BH BH/C1 BH/M1 SB PS WIN BWG`: the values;
 * - `PTS BH/C1 BH SB PS DE WIN`: the ranks of our default order;
 * - `PTS DE`: the ranks by direct encounter alone (where most level players reach it).
 * The events have no start date, so the program applies the rules in force today (its 2026-03
 * rules, as ours).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const EVENTS = join(ROOT, 'tests', 'fixtures', 'swiss');
const OUT = join(ROOT, 'tests', 'fixtures', 'tie-breaks', 'c07-reference.json.gz');

export const VALUE_TIE_BREAKS = ['PTS', 'BH', 'BH/C1', 'BH/M1', 'SB', 'PS', 'WIN', 'BWG'] as const;
export const DEFAULT_ORDER = ['PTS', 'BH/C1', 'BH', 'SB', 'PS', 'DE', 'WIN'] as const;
export const DE_ORDER = ['PTS', 'DE'] as const;

function run(checkout: string, trf: string, tieBreaks: readonly string[]): string[][] {
  const out = execFileSync('python3', ['tiebreakchecker.py', '-i', trf, '-o', '-', '-dT', '-s', '-t', ...tieBreaks], { cwd: checkout, encoding: 'utf8' });
  return out.trim().split('\n').slice(1).map((line) => line.split('\t'));
}

function main(): void {
  const checkout = process.argv[2];
  if (!checkout) {
    console.error('usage: npx tsx scripts/tie-break-fixtures.ts <TieBreakServer checkout>');
    process.exit(2);
  }
  const dir = mkdtempSync(join(tmpdir(), 'c07-'));
  const events: unknown[] = [];
  let players = 0;
  try {
    for (const file of readdirSync(EVENTS).filter((f) => f.endsWith('.json')).sort()) {
      const { event, trf } = JSON.parse(readFileSync(join(EVENTS, file), 'utf8')) as { event: string; trf: string };
      const path = join(dir, `${event}.trf`);
      writeFileSync(path, trf);
      const values = run(checkout, path, VALUE_TIE_BREAKS);
      const rankDefault = new Map(run(checkout, path, DEFAULT_ORDER).map((c) => [Number(c[0]), Number(c[1])]));
      const rankDe = new Map(run(checkout, path, DE_ORDER).map((c) => [Number(c[0]), Number(c[1])]));
      const rows = values
        .map((c) => [Number(c[0]), ...c.slice(2).map(Number), rankDefault.get(Number(c[0]))!, rankDe.get(Number(c[0]))!])
        .sort((a, b) => a[0] - b[0]);
      players += rows.length;
      events.push({ event, trf, rows });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const data = {
    made_with: 'TieBreakServer (OttoMilvang/TieBreakServer), tiebreakchecker.py -s',
    columns: ['start_rank', ...VALUE_TIE_BREAKS, 'rank_default', 'rank_de'],
    default_order: DEFAULT_ORDER,
    de_order: DE_ORDER,
    events,
  };
  mkdirSync(join(ROOT, 'tests', 'fixtures', 'tie-breaks'), { recursive: true });
  writeFileSync(OUT, gzipSync(JSON.stringify(data)));
  console.log(`${events.length} events, ${players} players: ${OUT}`);
}

main();
