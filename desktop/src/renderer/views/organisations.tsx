// Organisations and their integrating services: register an organisation, register a
// service with its first key and webhook URL, rotate keys, change the webhook, disable.
import { useState } from 'react';
import { runOperation, unwrap } from '../api/client.js';
import {
  CREATE_ORGANISATION,
  ORGANISATIONS,
  type OrganisationInput,
  type OrganisationSummary,
  REGISTER_SERVICE,
  SERVICES,
  type ServiceSummary,
} from '../api/operations/organisations.js';
import { useQuery } from '../api/use-query.js';
import { FormCard, TextField } from '../components/form-card.js';
import { Page } from '../components/page.js';
import { Async, Empty } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { localized } from '../lib/format.js';
import { ServiceCard } from './service-card.js';

export function OrganisationsView() {
  const { t } = useT();
  const organisations = useQuery(ORGANISATIONS, {});
  const services = useQuery(SERVICES, {});
  const reload = () => {
    organisations.reload();
    services.reload();
  };
  return (
    <Page title={t('orgs.title')}>
      <NewOrganisationForm onCreated={reload} />
      <Async state={organisations} isEmpty={(d) => d.organisations.edges.length === 0} empty={t('orgs.empty')}>
        {(data) => (
          <Async state={services}>
            {(serviceData) =>
              data.organisations.edges.map(({ node }) => (
                <OrganisationSection
                  key={node.id}
                  organisation={node}
                  services={serviceData.services.edges.map((e) => e.node).filter((s) => s.organisation.id === node.id)}
                  reload={services.reload}
                />
              ))
            }
          </Async>
        )}
      </Async>
    </Page>
  );
}

function OrganisationSection({
  organisation,
  services,
  reload,
}: {
  organisation: OrganisationSummary;
  services: ServiceSummary[];
  reload: () => void;
}) {
  const { t, language } = useT();
  const headingId = `org-${organisation.slug}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{localized(organisation.name, language)}</h2>
      <p className="muted">
        {t(`orgKind.${organisation.kind}`)} · {t('orgs.businessId')} {organisation.businessId} · {organisation.slug}
      </p>
      {services.length === 0 ? (
        <Empty>{t('orgs.noServices')}</Empty>
      ) : (
        services.map((service) => <ServiceCard key={service.id} service={service} onChanged={reload} />)
      )}
      <RegisterServiceForm organisation={organisation} onRegistered={reload} />
    </section>
  );
}

function NewOrganisationForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useT();
  const [input, setInput] = useState<OrganisationInput>({
    slug: '',
    businessId: '',
    kind: 'MUNICIPAL',
    nameFi: '',
    nameSv: '',
    nameEn: '',
  });
  const set = (patch: Partial<OrganisationInput>) => setInput((i) => ({ ...i, ...patch }));
  return (
    <FormCard
      summary={t('orgs.new')}
      submitLabel={t('orgs.create')}
      onSubmit={async () => {
        unwrap((await runOperation(CREATE_ORGANISATION, { input })).createOrganisation);
        onCreated();
      }}
    >
      <TextField id="org-slug" label={t('orgs.slug')} value={input.slug} onChange={(slug) => set({ slug })} required />
      <TextField
        id="org-business-id"
        label={t('orgs.businessId')}
        hint={t('orgs.businessIdHint')}
        value={input.businessId}
        onChange={(businessId) => set({ businessId })}
        required
      />
      <div className="field">
        <label htmlFor="org-kind">{t('orgs.kind')}</label>
        <select
          id="org-kind"
          value={input.kind}
          onChange={(e) => set({ kind: e.target.value as OrganisationInput['kind'] })}
        >
          <option value="MUNICIPAL">{t('orgKind.MUNICIPAL')}</option>
          <option value="THIRD_SECTOR">{t('orgKind.THIRD_SECTOR')}</option>
        </select>
      </div>
      <TextField
        id="org-name-fi"
        label={t('orgs.nameFi')}
        value={input.nameFi}
        onChange={(nameFi) => set({ nameFi })}
        required
      />
      <TextField
        id="org-name-sv"
        label={t('orgs.nameSv')}
        value={input.nameSv}
        onChange={(nameSv) => set({ nameSv })}
        required
      />
      <TextField
        id="org-name-en"
        label={t('orgs.nameEn')}
        value={input.nameEn}
        onChange={(nameEn) => set({ nameEn })}
        required
      />
    </FormCard>
  );
}

function RegisterServiceForm({
  organisation,
  onRegistered,
}: {
  organisation: OrganisationSummary;
  onRegistered: () => void;
}) {
  const { t } = useT();
  const [clientId, setClientId] = useState('');
  const [name, setName] = useState('');
  const [publicJwk, setPublicJwk] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const prefix = `service-${organisation.slug}`;
  return (
    <FormCard
      summary={t('orgs.registerService')}
      submitLabel={t('orgs.register')}
      onSubmit={async () => {
        const input = {
          organisationId: organisation.id,
          clientId,
          name,
          publicJwk: publicJwk.trim() || null,
          webhookUrl: webhookUrl.trim() || null,
        };
        unwrap((await runOperation(REGISTER_SERVICE, { input })).registerService);
        onRegistered();
      }}
    >
      <TextField id={`${prefix}-client`} label={t('orgs.clientId')} value={clientId} onChange={setClientId} required />
      <TextField id={`${prefix}-name`} label={t('orgs.serviceName')} value={name} onChange={setName} required />
      <TextField
        id={`${prefix}-jwk`}
        label={t('orgs.publicJwk')}
        hint={t('orgs.publicJwkHint')}
        value={publicJwk}
        onChange={setPublicJwk}
        multiline
      />
      <TextField
        id={`${prefix}-webhook`}
        label={t('orgs.webhookUrl')}
        type="url"
        value={webhookUrl}
        onChange={setWebhookUrl}
      />
    </FormCard>
  );
}
