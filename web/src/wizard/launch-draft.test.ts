import { describe, expect, it } from 'vitest';
import type { FormatsReply } from '../api/wire-types.ts';
import { checkDraft, initialDraft, problemsOfStep, stepOfField, type LaunchDraft } from './launch-draft.ts';

const FORMATS: FormatsReply = {
  async_threshold: 128,
  formats: [
    { name: 'league', min_players: 2, max_players: 64, allows_draws: true, settings: [] },
    {
      name: 'knockout',
      min_players: 2,
      max_players: 1_048_576,
      allows_draws: false,
      settings: [{ name: 'third_place_playoff', type: 'boolean', description: 'play for third', default: true }],
    },
  ],
};

const draft = (changes: Partial<LaunchDraft>): LaunchDraft => ({ ...initialDraft(FORMATS), ...changes });

describe('the launch draft', () => {
  it('starts on the knockout with 16 players, simulated, settings at their defaults', () => {
    expect(initialDraft(FORMATS)).toEqual({
      format: 'knockout',
      name: '',
      playerCount: '16',
      seed: '',
      simulate: true,
      settings: { third_place_playoff: true },
      confirmed: false,
    });
  });

  it('builds the request the API takes from a good draft, digits grouped or not', () => {
    const checked = checkDraft(draft({ name: '  Club night  ', playerCount: '1,024', seed: '7', confirmed: true }), FORMATS);
    expect(checked).toEqual({
      problems: {},
      playerCount: 1024,
      async: true,
      request: { player_count: 1024, format: 'knockout', name: 'Club night', seed: 7, settings: { third_place_playoff: true }, simulate: true, confirmed: true },
    });
  });

  it('names each problem by the API field it belongs to, and sends nothing', () => {
    const checked = checkDraft(draft({ format: 'league', playerCount: '65', seed: '4294967296', name: 'x'.repeat(201) }), FORMATS);
    expect(checked.request).toBeNull();
    expect(checked.problems).toEqual({
      player_count: 'League takes at most 64 players.',
      seed: 'Enter a whole number from 0 to 4,294,967,295, or leave it empty.',
      name: 'Keep the name to 200 characters.',
    });
    expect(checkDraft(draft({ playerCount: '' }), FORMATS).problems).toEqual({ player_count: 'Enter how many players.' });
    expect(checkDraft(draft({ playerCount: '2.5' }), FORMATS).problems).toEqual({ player_count: 'Enter a whole number of players.' });
    expect(checkDraft(draft({ format: 'swiss' }), FORMATS).problems.format).toBe('Choose a format.');
  });

  it('asks for a confirmation from the async threshold up, not below it', () => {
    expect(checkDraft(draft({ playerCount: '127' }), FORMATS)).toMatchObject({ async: false, problems: {} });
    expect(checkDraft(draft({ playerCount: '128' }), FORMATS)).toMatchObject({
      async: true,
      request: null,
      problems: { confirmed: 'Tick the box to confirm launching 128 players on the background workers.' },
    });
  });

  it('sends a problem the server names to the step that shows the field', () => {
    expect(['format', 'settings.group_size', 'player_count', 'name', 'seed', 'simulate', 'confirmed'].map(stepOfField)).toEqual([0, 0, 1, 1, 2, 2, 3]);
    expect(problemsOfStep({ player_count: 'a', seed: 'b', name: 'c' }, 1)).toEqual(['player_count', 'name']);
  });
});
