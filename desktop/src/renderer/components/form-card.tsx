// A small form in a disclosure: the view stays a list until the officer opens a form.
import { type FormEvent, type ReactNode, useState } from 'react';
import { useT } from '../i18n/index.js';
import { ErrorNotice } from './states.js';

export function FormCard({
  summary,
  submitLabel,
  onSubmit,
  children,
}: {
  summary: string;
  submitLabel: string;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await onSubmit();
      setDone(true);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  }
  return (
    <details className="form-card">
      <summary>{summary}</summary>
      <form onSubmit={submit}>
        {children}
        {error && <ErrorNotice error={error} />}
        {done && (
          <p className="state ok" role="status">
            {t('common.saved')}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('common.working') : submitLabel}
        </button>
      </form>
    </details>
  );
}

export function TextField({
  id,
  label,
  value,
  onChange,
  required,
  type = 'text',
  hint,
  multiline,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  type?: string;
  hint?: string;
  multiline?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          id={id}
          required={required}
          rows={3}
          value={value}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          type={type}
          required={required}
          value={value}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
