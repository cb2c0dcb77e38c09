// Compare any two versions of a purpose with the API's diff: each change, before and
// after, and whether it widens the scope (a consent to the older version would not cover it).
import { useState } from 'react';
import { PURPOSE_VERSION_DIFF } from '../api/operations/purpose-review.js';
import type { PurposeVersionDetail } from '../api/operations/purposes.js';
import { useQuery } from '../api/use-query.js';
import { ScrollArea } from '../components/scroll-area.js';
import { Async } from '../components/states.js';
import { useT } from '../i18n/index.js';

export function PurposeVersionDiff({ versions }: { versions: PurposeVersionDetail[] }) {
  const { t } = useT();
  // Newest first: compare the newest with the one before it unless the officer picks others.
  const [fromId, setFromId] = useState(versions[1]?.id ?? '');
  const [toId, setToId] = useState(versions[0]?.id ?? '');
  const diff = useQuery(fromId && toId ? PURPOSE_VERSION_DIFF : null, { fromVersionId: fromId, toVersionId: toId });
  const options = versions.map((v) => (
    <option key={v.id} value={v.id}>
      v{v.version} – {t(`versionStatus.${v.status}`)}
    </option>
  ));
  return (
    <section aria-labelledby="diff-heading">
      <h2 id="diff-heading">{t('diff.title')}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="diff-from">{t('diff.from')}</label>
          <select id="diff-from" value={fromId} onChange={(e) => setFromId(e.target.value)}>
            {options}
          </select>
        </div>
        <div className="field">
          <label htmlFor="diff-to">{t('diff.to')}</label>
          <select id="diff-to" value={toId} onChange={(e) => setToId(e.target.value)}>
            {options}
          </select>
        </div>
      </div>
      <Async state={diff} isEmpty={(d) => d.purposeVersionDiff.changes.length === 0} empty={t('diff.none')}>
        {(data) => (
          <>
            {data.purposeVersionDiff.widensScope && <p className="state warning-note">{t('diff.widens')}</p>}
            <ScrollArea label={t('common.scrollTable')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('diff.change')}</th>
                    <th scope="col">{t('diff.field')}</th>
                    <th scope="col">{t('diff.before')}</th>
                    <th scope="col">{t('diff.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.purposeVersionDiff.changes.map((change) => (
                    <tr key={`${change.kind}-${change.subject}`}>
                      <th scope="row">
                        {t(`diffKind.${change.kind}`)}
                        {change.widensScope && <span className="badge widens">{t('diff.widensBadge')}</span>}
                      </th>
                      <td>{change.subject}</td>
                      <td>{change.before !== null && <del>{change.before}</del>}</td>
                      <td>{change.after !== null && <ins>{change.after}</ins>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollArea>
          </>
        )}
      </Async>
    </section>
  );
}
