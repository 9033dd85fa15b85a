import { useState } from 'react';

/**
 * A button for what cannot be undone: the first click says exactly what will happen and asks;
 * only the second, on "Yes", does it.
 */
export function ConfirmButton({ label, question, yes, onConfirm, disabled, danger, primary, title }: {
  label: string;
  question: string;
  yes: string;
  onConfirm: () => void;
  disabled?: boolean;
  danger?: boolean;
  primary?: boolean;
  title?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'button danger' : primary ? 'button primary' : 'button'} disabled={disabled} title={title} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-inline" role="alertdialog" aria-label={question}>
      <span>{question}</span>
      <button type="button" className="button danger" onClick={() => { setAsking(false); onConfirm(); }}>
        {yes}
      </button>
      <button type="button" className="button ghost" onClick={() => setAsking(false)}>
        Keep it
      </button>
    </span>
  );
}
