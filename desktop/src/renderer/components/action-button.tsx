// A button for one mutation: disabled while it runs, with its outcome announced.
import { useState } from 'react';
import { RequestFailed } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { ErrorNotice } from './states.js';

export function ActionButton({
  label,
  busyLabel,
  run,
  onDone,
  className,
}: {
  label: string;
  busyLabel?: string;
  run: () => Promise<unknown>;
  onDone?: () => void;
  className?: string;
}) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  async function click() {
    setBusy(true);
    setError(null);
    try {
      await run();
      onDone?.();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new RequestFailed(String(caught), 'ERROR'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="action">
      <button type="button" className={className} onClick={click} disabled={busy} aria-busy={busy}>
        {busy ? (busyLabel ?? t('common.working')) : label}
      </button>
      {error && <ErrorNotice error={error} />}
    </span>
  );
}
