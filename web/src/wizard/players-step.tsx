import type { FormatsReply } from '../api/wire-types.ts';
import { Field } from '../components/field.tsx';
import { formatLabel } from '../text/format-name.ts';
import { countText } from '../text/number-text.ts';
import type { DraftProblems, LaunchDraft } from './launch-draft.ts';

/** Step 2: how many players, with the chosen format's limits, and an optional name. */
export function PlayersStep({
  formats,
  draft,
  problems,
  change,
}: {
  formats: FormatsReply;
  draft: LaunchDraft;
  problems: DraftProblems;
  change: (patch: Partial<LaunchDraft>) => void;
}) {
  const format = formats.formats.find((f) => f.name === draft.format);
  const limits = format
    ? `${formatLabel(format.name)} takes ${countText(format.min_players)} to ${countText(format.max_players)} players. From ${countText(formats.async_threshold)} players, generation runs on the background workers.`
    : undefined;
  return (
    <>
      <Field
        id="player-count"
        label="Number of players"
        inputMode="numeric"
        autoComplete="off"
        value={draft.playerCount}
        onChange={(e) => change({ playerCount: e.target.value, confirmed: false })}
        hint={limits}
        problem={problems.player_count}
      />
      <Field
        id="tournament-name"
        label="Name (optional)"
        autoComplete="off"
        placeholder={format ? `${format.name} scenario, ${draft.playerCount.trim() || 'N'} players` : undefined}
        value={draft.name}
        onChange={(e) => change({ name: e.target.value })}
        problem={problems.name}
      />
    </>
  );
}
