// The purpose registry: every purpose, its controller, the version in force and any
// version waiting for work (a draft) or for a second officer (pending approval).
import { ORGANISATIONS } from '../api/operations/organisations.js';
import { PURPOSES } from '../api/operations/purposes.js';
import { useQuery } from '../api/use-query.js';
import { Page } from '../components/page.js';
import { ScrollArea } from '../components/scroll-area.js';
import { Async } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { localized } from '../lib/format.js';
import { hrefFor } from '../router.js';

export function PurposesView() {
  const { t, language } = useT();
  const purposes = useQuery(PURPOSES, {});
  const organisations = useQuery(ORGANISATIONS, {});
  const controllerName = (id: string) =>
    localized(organisations.data?.organisations.edges.find((e) => e.node.id === id)?.node.name, language);
  return (
    <Page
      title={t('purposes.title')}
      actions={
        <a className="button" href={hrefFor({ view: 'purpose-new' })}>
          {t('purposes.new')}
        </a>
      }
    >
      <Async state={purposes} isEmpty={(d) => d.purposes.edges.length === 0} empty={t('purposes.empty')}>
        {(data) => (
          <ScrollArea label={t('common.scrollTable')}>
            <table>
              <caption>{t('purposes.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('purposes.purpose')}</th>
                  <th scope="col">{t('purposes.controller')}</th>
                  <th scope="col">{t('purposes.inForce')}</th>
                  <th scope="col">{t('purposes.legalBasis')}</th>
                  <th scope="col">{t('purposes.open')}</th>
                </tr>
              </thead>
              <tbody>
                {data.purposes.edges.map(({ node }) => {
                  const open = node.versions.filter((v) => v.status === 'DRAFT' || v.status === 'PENDING_APPROVAL');
                  return (
                    <tr key={node.id}>
                      <th scope="row">
                        <a href={hrefFor({ view: 'purpose', slug: node.slug })}>
                          {node.currentVersion ? localized(node.currentVersion.title, language) : node.slug}
                        </a>
                        <div className="muted">{node.slug}</div>
                      </th>
                      <td>{controllerName(node.controller.id)}</td>
                      <td>{node.currentVersion ? `v${node.currentVersion.version}` : t('purposes.noneInForce')}</td>
                      <td>{node.currentVersion ? t(`legalBasis.${node.currentVersion.legalBasis}`) : ''}</td>
                      <td>
                        {open.map((v) => (
                          <span key={v.version} className={`badge status-${v.status}`}>
                            v{v.version} {t(`versionStatus.${v.status}`)}
                          </span>
                        ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </Async>
    </Page>
  );
}
