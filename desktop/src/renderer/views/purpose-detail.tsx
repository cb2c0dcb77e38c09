// One purpose: its versions with their state, the actions each state allows (edit and
// submit a draft; approve or return a submitted one — the server refuses an approval by
// anyone who drafted, edited or submitted it, and asks for its warnings to be acknowledged), a diff between any two versions, and the
// draft editor.
import { useState } from 'react';
import { runOperation, unwrap } from '../api/client.js';
import {
  OPEN_PURPOSE_DRAFT,
  PURPOSE,
  type PurposeDetail,
  RETIRE_PURPOSE,
  RETURN_PURPOSE_VERSION,
  SUBMIT_PURPOSE_VERSION,
  UPDATE_PURPOSE_DRAFT,
} from '../api/operations/purposes.js';
import { useQuery } from '../api/use-query.js';
import { ActionButton } from '../components/action-button.js';
import { Page } from '../components/page.js';
import { ScrollArea } from '../components/scroll-area.js';
import { Async, ErrorNotice, Loading } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { formatDate, localized } from '../lib/format.js';
import { ApproveVersion } from './approve-version.js';
import { draftOf, PurposeEditor } from './purpose-editor.js';
import { PurposeVersionDiff } from './purpose-version-diff.js';
import { useRegistry } from './use-registry.js';

export function PurposeDetailView({ slug }: { slug: string }) {
  const { t } = useT();
  const purpose = useQuery(PURPOSE, { slug });
  return (
    <Page title={`${t('purposes.purpose')}: ${slug}`}>
      <Async state={purpose} isEmpty={(d) => d.purpose === null} empty={t('purposes.notFound')}>
        {(data) => data.purpose && <PurposeVersions purpose={data.purpose} reload={purpose.reload} />}
      </Async>
    </Page>
  );
}

function PurposeVersions({ purpose, reload }: { purpose: PurposeDetail; reload: () => void }) {
  const { t, language } = useT();
  const versions = [...purpose.versions].sort((a, b) => b.version - a.version);
  const draft = versions.find((v) => v.status === 'DRAFT');
  const open = versions.some((v) => v.status === 'DRAFT' || v.status === 'PENDING_APPROVAL');
  const inForce = versions.some((v) => v.status === 'PUBLISHED');
  const [editing, setEditing] = useState(false);

  return (
    <>
      <p>
        {t('purposes.controller')}: <strong>{purpose.controller.slug}</strong>
      </p>
      <div className="actions">
        {!open && (
          <ActionButton
            label={t('purposes.openDraft')}
            run={async () =>
              unwrap((await runOperation(OPEN_PURPOSE_DRAFT, { purposeId: purpose.id })).openPurposeDraft)
            }
            onDone={reload}
          />
        )}
        {inForce && (
          <ActionButton
            label={t('purposes.retire')}
            className="danger"
            run={async () => unwrap((await runOperation(RETIRE_PURPOSE, { purposeId: purpose.id })).retirePurpose)}
            onDone={reload}
          />
        )}
      </div>
      <h2>{t('purposes.versions')}</h2>
      <ScrollArea label={t('common.scrollTable')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('purposes.version')}</th>
              <th scope="col">{t('purposes.status')}</th>
              <th scope="col">{t('purposes.titleColumn')}</th>
              <th scope="col">{t('purposes.legalBasis')}</th>
              <th scope="col">{t('purposes.created')}</th>
              <th scope="col">{t('purposes.published')}</th>
              <th scope="col">{t('purposes.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">v{v.version}</th>
                <td>
                  <span className={`badge status-${v.status}`}>{t(`versionStatus.${v.status}`)}</span>
                </td>
                <td>{localized(v.title, language)}</td>
                <td>{t(`legalBasis.${v.legalBasis}`)}</td>
                <td>{formatDate(v.createdAt, language)}</td>
                <td>{formatDate(v.publishedAt, language)}</td>
                <td className="actions">
                  {v.status === 'DRAFT' && (
                    <>
                      <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
                        {t('purposes.edit')}
                      </button>
                      <ActionButton
                        label={t('purposes.submit')}
                        run={async () =>
                          unwrap((await runOperation(SUBMIT_PURPOSE_VERSION, { versionId: v.id })).submitPurposeVersion)
                        }
                        onDone={reload}
                      />
                    </>
                  )}
                  {v.status === 'PENDING_APPROVAL' && (
                    <>
                      <ApproveVersion versionId={v.id} onDone={reload} />
                      <ActionButton
                        label={t('purposes.return')}
                        run={async () =>
                          unwrap((await runOperation(RETURN_PURPOSE_VERSION, { versionId: v.id })).returnPurposeVersion)
                        }
                        onDone={reload}
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      {draft && editing && (
        <section aria-labelledby="draft-heading">
          <h2 id="draft-heading">{t('purposes.editDraft', { version: draft.version })}</h2>
          <DraftEditor
            key={draft.id}
            controllerId={purpose.controller.id}
            versionId={draft.id}
            initial={draftOf(draft)}
            onSaved={() => {
              setEditing(false);
              reload();
            }}
          />
        </section>
      )}
      {versions.length > 1 && <PurposeVersionDiff versions={versions} />}
    </>
  );
}

function DraftEditor({
  versionId,
  controllerId,
  initial,
  onSaved,
}: {
  versionId: string;
  controllerId: string;
  initial: ReturnType<typeof draftOf>;
  onSaved: () => void;
}) {
  const { t } = useT();
  const { categories, organisations } = useRegistry();
  if (categories.status === 'loading' || organisations.status === 'loading') return <Loading />;
  if (categories.status === 'error') return <ErrorNotice error={categories.error} onRetry={categories.reload} />;
  if (organisations.status === 'error')
    return <ErrorNotice error={organisations.error} onRetry={organisations.reload} />;
  return (
    <PurposeEditor
      initial={initial}
      categories={categories.data.dataCategories.edges.map((e) => e.node)}
      organisations={organisations.data.organisations.edges.map((e) => e.node)}
      submitLabel={t('purposes.saveDraft')}
      controllerId={controllerId}
      onSubmit={async (draft) => {
        unwrap((await runOperation(UPDATE_PURPOSE_DRAFT, { versionId, draft })).updatePurposeDraft);
        onSaved();
      }}
    />
  );
}
