// Approving a submitted version: the legal-basis findings on the stored version are shown
// first; WARNING findings must be acknowledged (a checkbox), and the codes acknowledged go
// with the approval, which records them. The server refuses an approval with ERROR
// findings, or by anyone who drafted, edited or submitted the version.
import { useState } from 'react';
import { runOperation, unwrap } from '../api/client.js';
import { LINT_PURPOSE_VERSION } from '../api/operations/purpose-review.js';
import { APPROVE_PURPOSE_VERSION } from '../api/operations/purposes.js';
import { useQuery } from '../api/use-query.js';
import { ActionButton } from '../components/action-button.js';
import { useT } from '../i18n/index.js';
import { localized } from '../lib/format.js';

export function ApproveVersion({ versionId, onDone }: { versionId: string; onDone: () => void }) {
  const { t, language } = useT();
  const lint = useQuery(LINT_PURPOSE_VERSION, { versionId });
  const [acknowledged, setAcknowledged] = useState(false);
  const findings = lint.data?.lintPurposeVersion ?? [];
  const warnings = [...new Set(findings.filter((f) => f.severity === 'WARNING').map((f) => f.code))];
  const shown = findings.filter((f) => f.severity !== 'INFO');
  return (
    <span className="approve-version">
      {shown.length > 0 && (
        <ul className="warnings">
          {shown.map((f) => (
            <li key={`${f.code}-${f.field}`} className={`warning severity-${f.severity}`}>
              <span className="badge">{t(`lintSeverity.${f.severity}`)}</span> {localized(f.message, language)}
            </li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <label>
          <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />{' '}
          {t('lint.acknowledge')}
        </label>
      )}
      <ActionButton
        label={t('purposes.approve')}
        run={async () =>
          unwrap(
            (
              await runOperation(APPROVE_PURPOSE_VERSION, {
                versionId,
                acknowledgedWarnings: acknowledged ? warnings : [],
              })
            ).approvePurposeVersion,
          )
        }
        onDone={onDone}
      />
    </span>
  );
}
