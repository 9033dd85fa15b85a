import type { Session } from './formats/format.ts';
import { isDoubleForfeit, recordResult } from './progression.ts';

/**
 * Which sessions feed each place of each session (by `next` or `loserNext`), over the sessions
 * given: a place whose feeder ended without sending anyone there is empty for good.
 */
export class Feeders {
  private readonly into = new Map<number, [number | null, number | null]>();

  constructor(sessions: readonly Session[]) {
    for (const s of sessions) {
      if (s === undefined) continue;
      for (const link of [s.next, s.loserNext]) {
        if (link === null) continue;
        let pair = this.into.get(link.key);
        if (pair === undefined) this.into.set(link.key, (pair = [null, null]));
        pair[link.slot] = s.key;
      }
    }
  }

  /** The key of the session feeding this place, or null (a first-round place, or one not loaded). */
  of(key: number, slot: 0 | 1): number | null {
    return this.into.get(key)?.[slot] ?? null;
  }
}

/**
 * Whether nobody can ever arrive in this place: it is empty and its feeder is finished without
 * sending a player there (a double forfeit sends neither a winner nor a loser; a walkover won
 * against a vacant place sends no loser).
 */
export function isVacant(sessions: readonly Session[], feeders: Feeders, key: number, slot: 0 | 1): boolean {
  if (sessions[key].participants[slot] !== null) return false;
  const from = feeders.of(key, slot);
  if (from === null) return false;
  const feeder = sessions[from];
  if (feeder === undefined || !feeder.resultSubmitted) return false;
  if (isDoubleForfeit(feeder)) return true;
  const sendsLoser = feeder.loserNext !== null && feeder.loserNext.key === key && feeder.loserNext.slot === slot;
  return sendsLoser && feeder.participants.includes(null);
}

/**
 * Completes the sessions among `candidates` (and those they send players to) that can no longer be
 * played: a withdrawn participant gives the other a walkover (both withdrawn: a double forfeit),
 * and a player whose opponent's place is vacant wins by walkover. Returns the keys it changed.
 * `feeders` may be omitted when no session of the list ended in a double forfeit.
 */
export function settleWalkovers(
  sessions: Session[],
  candidates: Iterable<number>,
  isWithdrawn: (playerId: number) => boolean,
  feeders: Feeders | null = null,
): number[] {
  const changed = new Set<number>();
  const work = [...candidates];
  let index = feeders;
  while (work.length > 0) {
    const key = work.pop()!;
    const s = sessions[key];
    if (s === undefined || s.resultSubmitted) continue;
    const [a, b] = s.participants;
    let decided: { winnerId: number | null } | null = null;
    if (a !== null && b !== null) {
      const outA = isWithdrawn(a);
      const outB = isWithdrawn(b);
      if (outA || outB) decided = { winnerId: outA && outB ? null : outA ? b : a };
    } else {
      index ??= feeders ?? new Feeders(sessions);
      const vacantA = a === null && isVacant(sessions, index, key, 0);
      const vacantB = b === null && isVacant(sessions, index, key, 1);
      if (vacantA && vacantB) decided = { winnerId: null };
      else if (vacantA && b !== null) decided = { winnerId: isWithdrawn(b) ? null : b };
      else if (vacantB && a !== null) decided = { winnerId: isWithdrawn(a) ? null : a };
    }
    if (decided === null) continue;
    for (const c of recordResult(sessions, key, decided.winnerId, null, 'walkover')) {
      changed.add(c);
      if (c !== key) work.push(c);
    }
    // A double forfeit leaves its targets' places vacant, a walkover against a vacant place its
    // loser's: look at them again.
    if (decided.winnerId === null) {
      for (const link of [s.next, s.loserNext]) if (link !== null) work.push(link.key);
    } else if (s.loserNext !== null && (a === null || b === null)) {
      work.push(s.loserNext.key);
    }
  }
  return [...changed].sort((x, y) => x - y);
}
