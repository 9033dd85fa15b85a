import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseTrf, type TrfDocument } from '../../src/domain/trf.ts';

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

export function loadGoldenEvents(): GoldenEvent[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json') || f.endsWith('.json.gz'))
    .sort()
    .map((f) => {
      const bytes = readFileSync(join(FIXTURE_DIR, f));
      const raw = JSON.parse((f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as Omit<GoldenEvent, 'doc'> & {
        trf: string;
      };
      return { event: raw.event, players: raw.players, rounds: raw.rounds, seed: raw.seed, doc: parseTrf(raw.trf), pairings: raw.pairings };
    });
}
