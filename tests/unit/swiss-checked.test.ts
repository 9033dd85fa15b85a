import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseTrf, trfBeforeRound, trfPlayedRounds, type TrfDocument } from '../../src/domain/trf.ts';
import { pairFromTrf, type GoldenPairing } from './swiss-golden-engine.ts';
import { FIXTURE_DIR } from './swiss-golden-fixtures.ts';

/**
 * Events WE paired, checked by bbpPairings (tests/fixtures/swiss/checked/, README there):
 * each TRF is the export of a whole event played through the API by scripts/swiss-check.ts, and
 * its .bbp-check.txt is what `bbpPairings --dutch <trf> -c` printed for it: a line per round and
 * no difference. Offline, our engine re-pairs every round from the TRF's history and must give
 * the pairing the TRF records (TRF keeps no board order, so pairs are compared as a set).
 */
const DIR = join(FIXTURE_DIR, 'checked');
const files = readdirSync(DIR).filter((f) => f.endsWith('.trf')).sort();

/** Round `round`'s pairing as the TRF records it: [white, black] by white's start rank, and the U. */
function recorded(doc: TrfDocument, round: number): GoldenPairing {
  const r = round - 1;
  const pairs = doc.players
    .filter((p) => p.rounds[r]?.colour === 'w' && (p.rounds[r].opponent ?? 0) > 0)
    .map((p): [number, number] => [p.startRank, p.rounds[r].opponent!]);
  const bye = doc.players.find((p) => p.rounds[r]?.result === 'U')?.startRank ?? null;
  return { pairs, bye };
}

function asSet(p: GoldenPairing): string {
  return JSON.stringify([p.pairs.map(([w, b]) => `${w}-${b}`).sort(), p.bye]);
}

describe('events we paired, checked by bbpPairings -c', () => {
  it('are several events of 7 to 99 players with both initial colours, and bbpPairings reported no difference in any round', () => {
    const docs = files.map((f) => parseTrf(readFileSync(join(DIR, f), 'utf8')));
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(new Set(docs.map((d) => d.initialColour))).toEqual(new Set(['white1', 'black1']));
    expect(docs.some((d) => d.players.some((p) => p.rounds.some((r) => r.result === 'Z')))).toBe(true);
    expect(docs.some((d) => d.players.some((p) => p.rounds.some((r) => r.result === '+')))).toBe(true);
    files.forEach((f, i) => {
      const report = readFileSync(join(DIR, f.replace(/\.trf$/, '.bbp-check.txt')), 'utf8');
      const rounds = trfPlayedRounds(docs[i]);
      // bbpPairings names the file without its extension.
      const expected = Array.from({ length: rounds }, (_, k) => `${f.replace(/\.trf$/, '')}: Round #${k + 1}`);
      expect(report.split('\n').filter((l) => l.trim() !== '')).toEqual(expected);
    });
  });

  it('our engine re-pairs every round of them from its history exactly as recorded, colours and bye included', () => {
    const differing: string[] = [];
    let rounds = 0;
    for (const f of files) {
      const doc = parseTrf(readFileSync(join(DIR, f), 'utf8'));
      for (let k = 1; k <= trfPlayedRounds(doc); k++) {
        rounds++;
        const ours = pairFromTrf(trfBeforeRound(doc, k));
        if (asSet(ours) !== asSet(recorded(doc, k))) differing.push(`${f} round ${k}`);
      }
    }
    expect(rounds).toBe(54);
    expect(differing).toEqual([]);
  }, 300_000);
});
