import type { FormatsReply, ScenarioBody } from '../api/wire-types.ts';
import { formatLabel } from '../text/format-name.ts';
import { countText, parseWhole } from '../text/number-text.ts';
import { checkSettings, defaultSettings, type SettingsDraft } from './settings-draft.ts';

/** What the wizard has gathered so far, as typed (numbers stay strings until checked). */
export interface LaunchDraft {
  format: string;
  name: string;
  playerCount: string;
  seed: string;
  simulate: boolean;
  /** The format's settings as their fields hold them (settings-draft.ts). */
  settings: SettingsDraft;
  confirmed: boolean;
}

/** Problems by field name, in the API's names: player_count, seed, settings.group_size ... */
export type DraftProblems = Record<string, string>;

export const STEPS = ['Format', 'Players', 'Simulation', 'Review'] as const;
export type StepIndex = 0 | 1 | 2 | 3;

/** Which step shows a field, so a problem the server names sends the user to the right step. */
export function stepOfField(field: string): StepIndex {
  if (field === 'format' || field.startsWith('settings')) return 0;
  if (field === 'player_count' || field === 'name') return 1;
  if (field === 'seed' || field === 'simulate') return 2;
  return 3;
}

const MAX_SEED = 4_294_967_295;

export function initialDraft(formats: FormatsReply): LaunchDraft {
  const first = formats.formats.find((f) => f.name === 'knockout') ?? formats.formats[0];
  const count = first ? Math.min(Math.max(16, first.min_players), first.max_players) : 16;
  return {
    format: first?.name ?? '',
    name: '',
    playerCount: String(count),
    seed: '',
    simulate: true,
    settings: defaultSettings(first?.settings),
    confirmed: false,
  };
}

export interface CheckedDraft {
  problems: DraftProblems;
  playerCount: number | null;
  /** Whether the launch runs on the background workers (from the server's threshold up). */
  async: boolean;
  request: ScenarioBody | null;
}

/** Checks the draft against the format's limits and the threshold the server gave. */
export function checkDraft(draft: LaunchDraft, formats: FormatsReply): CheckedDraft {
  const problems: DraftProblems = {};
  const format = formats.formats.find((f) => f.name === draft.format);
  if (!format) problems.format = 'Choose a format.';

  const count = parseWhole(draft.playerCount);
  if (draft.playerCount.trim() === '') problems.player_count = 'Enter how many players.';
  else if (count === null) problems.player_count = 'Enter a whole number of players.';
  else if (format && count < format.min_players) {
    problems.player_count = `${formatLabel(format.name)} needs at least ${countText(format.min_players)} players.`;
  } else if (format && count > format.max_players) {
    problems.player_count = `${formatLabel(format.name)} takes at most ${countText(format.max_players)} players.`;
  }

  if (draft.name.trim().length > 200) problems.name = 'Keep the name to 200 characters.';

  let seed: number | undefined;
  if (draft.seed.trim() !== '') {
    const s = parseWhole(draft.seed);
    if (s === null || s < 0 || s > MAX_SEED) problems.seed = `Enter a whole number from 0 to ${countText(MAX_SEED)}, or leave it empty.`;
    else seed = s;
  }

  const { values: settings, problems: settingProblems } = checkSettings(format?.settings, draft.settings);
  Object.assign(problems, settingProblems);

  const async = count !== null && count >= formats.async_threshold;
  if (async && !draft.confirmed) {
    problems.confirmed = `Tick the box to confirm launching ${countText(count)} players on the background workers.`;
  }

  const valid = Object.keys(problems).length === 0 && format !== undefined && count !== null;
  const request: ScenarioBody | null = valid
    ? {
        player_count: count,
        format: format.name,
        ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(Object.keys(settings).length > 0 ? { settings } : {}),
        simulate: draft.simulate,
        ...(async ? { confirmed: true } : {}),
      }
    : null;
  return { problems, playerCount: count, async, request };
}

/** The problems that belong to one step. */
export function problemsOfStep(problems: DraftProblems, step: StepIndex): string[] {
  return Object.keys(problems).filter((field) => stepOfField(field) === step);
}
