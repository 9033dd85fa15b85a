import type { InputHTMLAttributes, ReactNode } from 'react';

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  problem?: string;
};

/** A labelled text input with its hint and, when invalid, the problem right beside it. */
export function Field({ id, label, hint, problem, className, ...input }: FieldProps) {
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} className={className} aria-invalid={problem ? true : undefined} aria-describedby={described} {...input} />
      <FieldNotes id={id} hint={hint} problem={problem} />
    </div>
  );
}

/** A labelled checkbox with an optional hint and problem. */
export function CheckField({
  id,
  label,
  checked,
  onChange,
  hint,
  problem,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  problem?: string;
}) {
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'field check invalid' : 'field check'}>
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={described} />
        <span>{label}</span>
      </label>
      <FieldNotes id={id} hint={hint} problem={problem} />
    </div>
  );
}

/** A labelled choice among a few values, with its hint and problem. */
export function ChoiceField({
  id,
  label,
  choices,
  value,
  onChange,
  hint,
  problem,
}: {
  id: string;
  label: ReactNode;
  choices: readonly string[];
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  problem?: string;
}) {
  const described = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={described}>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
      <FieldNotes id={id} hint={hint} problem={problem} />
    </div>
  );
}

/** A field's problem (announced) and hint, with the ids its control's aria-describedby names. */
function FieldNotes({ id, hint, problem }: { id: string; hint?: ReactNode; problem?: string }) {
  return (
    <>
      {problem && (
        <span id={`${id}-problem`} className="field-problem" data-testid={`${id}-problem`} role="alert">
          {problem}
        </span>
      )}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </>
  );
}
