import type { Session } from './formats/format.ts';
import { settleWalkovers } from './walkovers.ts';

/**
 * What a league does with a withdrawn player's games: `forfeit_remaining` keeps the games played
 * and gives every opponent still to play a walkover; `expunge` removes all of the player's games
 * from the table; `expunge_under_half` expunges when fewer than half were played, else forfeits
 * the rest (the FIDE round-robin practice).
 */
export const WITHDRAWAL_RULES = ['forfeit_remaining', 'expunge', 'expunge_under_half'] as const;
export type WithdrawalRule = (typeof WITHDRAWAL_RULES)[number];

/** Whether a league's rule removes this player's games rather than forfeiting the rest. */
export function expungesGames(sessions: readonly Session[], playerId: number, rule: WithdrawalRule): boolean {
  if (rule === 'forfeit_remaining') return false;
  if (rule === 'expunge') return true;
  let played = 0;
  let total = 0;
  for (const s of sessions) {
    if (s.participants[0] !== playerId && s.participants[1] !== playerId) continue;
    total++;
    if (s.resultSubmitted) played++;
  }
  return played * 2 < total;
}

/**
 * Gives walkovers against a withdrawn player in every session they still wait in whose opponent is
 * known; sessions whose opponent is still to come are settled when that player arrives
 * (settleWalkovers). `isWithdrawn` must already count this player. Returns the keys changed.
 */
export function forfeitRemaining(sessions: Session[], playerId: number, isWithdrawn: (playerId: number) => boolean): number[] {
  const waiting: number[] = [];
  for (const s of sessions) {
    if (!s.resultSubmitted && (s.participants[0] === playerId || s.participants[1] === playerId)) waiting.push(s.key);
  }
  return settleWalkovers(sessions, waiting, isWithdrawn);
}
