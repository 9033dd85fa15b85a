import type { FormatsReply } from '../api/wire-types.ts';
import { CheckField, ChoiceField, Field } from '../components/field.tsx';
import { formatLabel } from '../text/format-name.ts';
import { countText } from '../text/number-text.ts';
import { defaultSettings, type DraftProblems, type LaunchDraft } from './launch-draft.ts';

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
              onChange={() => change({ format: f.name, settings: defaultSettings(f) })}
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
          {chosen.settings.map((s) => {
            const id = `setting-${s.name}`;
            const problem = problems[`settings.${s.name}`];
            const value = draft.settings[s.name];
            const label = formatLabel(s.name);
            if (s.type === 'boolean') {
              return (
                <CheckField
                  key={s.name}
                  id={id}
                  label={label}
                  hint={s.description}
                  problem={problem}
                  checked={value === true}
                  onChange={(checked) => change({ settings: { ...draft.settings, [s.name]: checked } })}
                />
              );
            }
            if (s.type === 'string' && s.choices) {
              return (
                <ChoiceField
                  key={s.name}
                  id={id}
                  label={label}
                  hint={s.description}
                  problem={problem}
                  choices={s.choices}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(chosen) => change({ settings: { ...draft.settings, [s.name]: chosen } })}
                />
              );
            }
            return (
              <Field
                key={s.name}
                id={id}
                label={label}
                hint={s.type === 'integer' ? s.description : `${s.description} (JSON)`}
                problem={problem}
                inputMode={s.type === 'integer' ? 'numeric' : undefined}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => change({ settings: { ...draft.settings, [s.name]: e.target.value } })}
              />
            );
          })}
        </fieldset>
      )}
    </>
  );
}
