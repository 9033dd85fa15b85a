import type { FormatSetting } from '../api/wire-types.ts';
import { formatLabel } from '../text/format-name.ts';
import { subFields, type SettingsDraft } from '../wizard/settings-draft.ts';
import { CheckField, ChoiceField, Field } from './field.tsx';

/**
 * A format's settings as form fields: a checkbox, a choice, a number or a text each; an object
 * setting (points, schedule) as a group of fields, one per key; a list as text split by commas.
 * Problems come keyed by the API's field names ("settings.points.win").
 */
export function SettingsFields({
  settings,
  draft,
  problems,
  change,
  idPrefix = 'setting',
}: {
  settings: readonly FormatSetting[];
  draft: SettingsDraft;
  problems: Record<string, string | undefined>;
  change: (draft: SettingsDraft) => void;
  idPrefix?: string;
}) {
  const set = (key: string, value: string | boolean) => change({ ...draft, [key]: value });
  return (
    <>
      {settings.map((s) => {
        const id = `${idPrefix}-${s.name}`;
        const problem = problems[`settings.${s.name}`];
        const label = formatLabel(s.name);
        if (s.type === 'object') {
          return (
            <fieldset key={s.name} className="setting-group" aria-describedby={`${id}-hint`}>
              <legend>{label}</legend>
              <span id={`${id}-hint`} className="field-hint">
                {s.description}
              </span>
              {problem && (
                <span className="field-problem" role="alert" data-testid={`${id}-problem`}>
                  {problem}
                </span>
              )}
              <div className="setting-group-fields">
                {subFields(s).map((f) => {
                  const key = `${s.name}.${f.name}`;
                  const subId = `${id}-${f.name}`;
                  const subProblem = problems[`settings.${key}`];
                  const subLabel = formatLabel(f.name);
                  if (f.type === 'boolean') {
                    return <CheckField key={key} id={subId} label={subLabel} hint={f.description || undefined} problem={subProblem} checked={draft[key] === true} onChange={(v) => set(key, v)} />;
                  }
                  const value = draft[key];
                  return (
                    <Field
                      key={key}
                      id={subId}
                      label={subLabel}
                      hint={f.description || undefined}
                      problem={subProblem}
                      inputMode={f.type === 'integer' ? 'numeric' : f.type === 'number' ? 'decimal' : undefined}
                      placeholder={f.default === null || f.default === undefined ? undefined : String(f.default)}
                      value={typeof value === 'string' ? value : ''}
                      onChange={(e) => set(key, e.target.value)}
                    />
                  );
                })}
              </div>
            </fieldset>
          );
        }
        const value = draft[s.name];
        if (s.type === 'boolean') {
          return <CheckField key={s.name} id={id} label={label} hint={s.description} problem={problem} checked={value === true} onChange={(v) => set(s.name, v)} />;
        }
        if (s.type === 'string' && s.choices) {
          return <ChoiceField key={s.name} id={id} label={label} hint={s.description} problem={problem} choices={s.choices} value={typeof value === 'string' ? value : ''} onChange={(v) => set(s.name, v)} />;
        }
        return (
          <Field
            key={s.name}
            id={id}
            label={label}
            hint={s.type === 'array' ? `${s.description} Separate them by commas.` : s.description}
            problem={problem}
            inputMode={s.type === 'integer' ? 'numeric' : undefined}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => set(s.name, e.target.value)}
          />
        );
      })}
    </>
  );
}
