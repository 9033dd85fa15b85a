import type { FormatsReply } from '../api/wire-types.ts';
import { SettingsFields } from '../components/settings-fields.tsx';
import { formatLabel } from '../text/format-name.ts';
import { countText } from '../text/number-text.ts';
import type { DraftProblems, LaunchDraft } from './launch-draft.ts';
import { defaultSettings } from './settings-draft.ts';

/** Step 1: the format, as radio buttons with their limits, and the chosen format's settings. */
export function FormatStep({
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
  const chosen = formats.formats.find((f) => f.name === draft.format);
  return (
    <>
      <fieldset className="format-choice">
        <legend>Format</legend>
        {formats.formats.map((f) => (
          <label key={f.name} className={f.name === draft.format ? 'format-option chosen' : 'format-option'}>
            <input
              type="radio"
              name="format"
              value={f.name}
              checked={f.name === draft.format}
              onChange={() => change({ format: f.name, settings: defaultSettings(f.settings) })}
            />
            <span className="format-name">{formatLabel(f.name)}</span>
            <span className="format-limits">
              {countText(f.min_players)} – {countText(f.max_players)} players{f.allows_draws ? ' · draws possible' : ''}
            </span>
          </label>
        ))}
        {problems.format && <span className="field-problem">{problems.format}</span>}
      </fieldset>
      {chosen && chosen.settings.length > 0 && (
        <fieldset className="settings">
          <legend>{formatLabel(chosen.name)} settings</legend>
          <SettingsFields settings={chosen.settings} draft={draft.settings} problems={problems} change={(settings) => change({ settings })} />
        </fieldset>
      )}
    </>
  );
}
