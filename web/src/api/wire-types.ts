/**
 * The API's wire types, as the server's contract (src/http/contract) defines them: imported,
 * never restated, so a changed field fails the web's typecheck with the server's.
 */
export type {
  ErrorBody,
  FormatDescription,
  FormatSetting,
  FormatsReply,
  GenerationStatus,
  LoginReply,
  Me,
  Phase,
  Ranking,
  RankingListQuery,
  RankingPage,
  RankingsCountReply,
  Role,
  RoundBreakdown,
  ScenarioBody,
  ScenarioReply,
  Session,
  SessionListQuery,
  SessionPage,
  SessionParticipant,
  SimulateReply,
  PhaseStandingsQuery,
  PhaseStandingsReply,
  PhaseTable,
  PhaseTableLine,
  Tournament,
  TournamentDetail,
  TournamentListQuery,
  TournamentPage,
  TournamentStatus,
} from '../../../src/http/contract/index.ts';
export { TOURNAMENT_STATUSES } from '../../../src/domain/lifecycle.ts';

/** Match number of the third-place playoff (see the contract's Session shape). */
export const PLAYOFF_MATCH_NUMBER = 999;
