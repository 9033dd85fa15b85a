import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseTrf, trfAbsentEntry, type TrfDocument } from '../../src/domain/trf.ts';

/** tests/fixtures/swiss: one file per event (see its README), bbpPairings' answers as data. */
export const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'swiss');

export interface GoldenRound {
  round: number;
  pairs: [number, number][];
  bye: number | null;
}

export interface GoldenEvent {
  event: string;
  players: number;
  rounds: number;
  seed: number;
  /** The final TRF; the history of round k is trfBeforeRound(doc, k). */
  doc: TrfDocument;
  pairings: GoldenRound[];
}

/**
 * The events of one size: `small` the 5-200 player events (.json), `big` the 1,000+ player
 * ones (.json.gz), checked in their own test file so vitest runs them beside the rest.
 */
export function loadGoldenEvents(size: 'small' | 'big'): GoldenEvent[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => (size === 'small' ? f.endsWith('.json') : f.endsWith('.json.gz')))
    .sort()
    .map((f) => {
      const bytes = readFileSync(join(FIXTURE_DIR, f));
      const raw = JSON.parse((f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as Omit<GoldenEvent, 'doc'> & {
        trf: string;
      };
      return { event: raw.event, players: raw.players, rounds: raw.rounds, seed: raw.seed, doc: parseTrf(raw.trf), pairings: raw.pairings };
    });
}

/** Where a fixture contradicts itself: each round pairs every present player once, as the final TRF records ([] when sound). */
export function fixtureInconsistencies(events: readonly GoldenEvent[]): string[] {
  const wrong: string[] = [];
  for (const e of events) {
    if (e.doc.totalRounds !== e.rounds) wrong.push(`${e.event}: XXR ${e.doc.totalRounds}`);
    if (e.pairings.map((p) => p.round).join() !== Array.from({ length: e.rounds }, (_, i) => i + 1).join()) wrong.push(`${e.event}: rounds`);
    for (const p of e.pairings) {
      const r = p.round - 1;
      // Present in round k: no entry known before pairing it (no H, F, Z).
      const present = e.doc.players.filter((x) => !trfAbsentEntry(x.rounds[r])).map((x) => x.startRank);
      const paired = [...p.pairs.flat(), ...(p.bye === null ? [] : [p.bye])].sort((a, b) => a - b);
      if (paired.join() !== present.join()) wrong.push(`${e.event} round ${p.round}: paired ${paired.length} of ${present.length}`);
      for (const [w, b] of p.pairs) {
        const entry = e.doc.players[w - 1].rounds[r];
        if (entry.opponent !== b || entry.colour !== 'w') wrong.push(`${e.event} round ${p.round}: ${w}-${b} not in the TRF`);
      }
      if (p.bye !== null && e.doc.players[p.bye - 1].rounds[r].result !== 'U') wrong.push(`${e.event} round ${p.round}: bye ${p.bye} not U`);
    }
  }
  return wrong;
}
