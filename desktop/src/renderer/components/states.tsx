// Loading, error and empty states, the same in every view. Loading and progress are
// announced politely; errors interrupt (role=alert).
import type { ReactNode } from 'react';
import type { RequestFailed } from '../api/client.js';
import type { QueryState } from '../api/use-query.js';
import { useT } from '../i18n/index.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useT();
  return (
    <p className="state loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

export function ErrorNotice({ error, onRetry }: { error: RequestFailed | Error; onRetry?: () => void }) {
  const { t } = useT();
  const code = 'code' in error ? error.code : 'ERROR';
  const issues = 'issues' in error ? error.issues : [];
  return (
    <div className="state error" role="alert">
      <p>
        {t(`errors.${code}`, { defaultValue: t('errors.generic') })} <span className="detail">{error.message}</span>
      </p>
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}-${issue.message}`}>
              <code>{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * True when the API refused a query because the officer's role may not read it. Overview
 * pages (the dashboard) leave such parts out instead of showing an error for each: which
 * role reads what is decided by the API (api/src/auth/scopes.ts), not restated here.
 */
export function refusedForRole(state: QueryState<unknown>): boolean {
  return state.status === 'error' && state.error.code === 'FORBIDDEN';
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** A part of the admin whose API this server does not offer (yet): said plainly, no made-up data. */
export function NotAvailable({ what }: { what: string }) {
  const { t } = useT();
  return (
    <p className="state not-available">
      <strong>{t('common.notAvailable')}</strong> {what}
    </p>
  );
}

export function Async<T>({
  state,
  children,
  isEmpty,
  empty,
  loadingLabel,
}: {
  state: QueryState<T> & { reload: () => void };
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingLabel?: string;
}) {
  if (state.status === 'loading') return <Loading label={loadingLabel} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (isEmpty?.(state.data)) return <Empty>{empty}</Empty>;
  return <>{children(state.data)}</>;
}
