// A new purpose: its slug and controller, and the first version as a draft.
import { type ReactNode, useState } from 'react';
import { runOperation, unwrap } from '../api/client.js';
import { CREATE_PURPOSE } from '../api/operations/purposes.js';
import { Page } from '../components/page.js';
import { ErrorNotice, Loading } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { localized } from '../lib/format.js';
import { navigate } from '../router.js';
import { emptyDraft, PurposeEditor } from './purpose-editor.js';
import { useRegistry } from './use-registry.js';

export function PurposeNewView() {
  const { t, language } = useT();
  const { categories, organisations } = useRegistry();
  const [slug, setSlug] = useState('');
  const [controllerId, setControllerId] = useState('');

  let body: ReactNode;
  if (categories.status === 'loading' || organisations.status === 'loading') body = <Loading />;
  else if (categories.status === 'error') body = <ErrorNotice error={categories.error} onRetry={categories.reload} />;
  else if (organisations.status === 'error')
    body = <ErrorNotice error={organisations.error} onRetry={organisations.reload} />;
  else {
    const orgs = organisations.data.organisations.edges.map((e) => e.node);
    body = (
      <PurposeEditor
        initial={emptyDraft()}
        categories={categories.data.dataCategories.edges.map((e) => e.node)}
        organisations={orgs}
        submitLabel={t('purposes.createDraft')}
        controllerId={controllerId}
        onSubmit={async (draft) => {
          const result = await runOperation(CREATE_PURPOSE, { input: { slug, controllerId, draft } });
          unwrap(result.createPurpose);
          navigate({ view: 'purpose', slug });
        }}
        before={
          <fieldset>
            <legend>{t('purposes.identity')}</legend>
            <div className="field">
              <label htmlFor="slug">{t('purposes.slug')}</label>
              <input
                id="slug"
                required
                pattern="[a-z0-9]+(-[a-z0-9]+)*"
                aria-describedby="slug-hint"
                value={slug}
                onChange={(e) => setSlug(e.target.value)}
              />
              <p id="slug-hint" className="hint">
                {t('purposes.slugHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor="controller">{t('purposes.controller')}</label>
              <select id="controller" required value={controllerId} onChange={(e) => setControllerId(e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {orgs.map((org) => (
                  <option key={org.id} value={org.id}>
                    {localized(org.name, language)}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
        }
      />
    );
  }
  return <Page title={t('purposes.newTitle')}>{body}</Page>;
}
