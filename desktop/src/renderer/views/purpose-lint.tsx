// Legal-basis warnings from the API's linter, refreshed as the draft changes (after a
// short pause, so typing does not send a request per key). Warnings never block saving:
// the officer decides, the second officer reviews.
import { useEffect, useState } from 'react';
import { LINT_PURPOSE_DRAFT } from '../api/operations/purpose-review.js';
import type { PurposeVersionInput } from '../api/operations/purposes.js';
import { useQuery } from '../api/use-query.js';
import { Async } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { localized } from '../lib/format.js';

const PAUSE_MS = 400;

export function PurposeLint({ draft, controllerId }: { draft: PurposeVersionInput; controllerId?: string }) {
  const { t, language } = useT();
  const [settled, setSettled] = useState({ ...draft, controllerId: controllerId || null });
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ ...draft, controllerId: controllerId || null }), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft, controllerId]);
  const warnings = useQuery(LINT_PURPOSE_DRAFT, { draft: settled });
  return (
    <section className="lint" aria-labelledby="lint-heading" aria-live="polite">
      <h2 id="lint-heading">{t('lint.title')}</h2>
      <Async state={warnings} isEmpty={(d) => d.lintPurposeDraft.length === 0} empty={t('lint.none')}>
        {(data) => (
          <ul className="warnings">
            {data.lintPurposeDraft.map((warning) => (
              <li key={`${warning.code}-${warning.field}`} className={`warning severity-${warning.severity}`}>
                <span className="badge">{t(`lintSeverity.${warning.severity}`)}</span>{' '}
                {localized(warning.message, language)} <span className="muted">({warning.field})</span>
              </li>
            ))}
          </ul>
        )}
      </Async>
    </section>
  );
}
