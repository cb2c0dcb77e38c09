// One service: its status, keys (add a new one, then revoke the old: rotation without a
// gap), webhook URL, and disabling it (which refuses its tokens at once).
import { useState } from 'react';
import { runOperation, unwrap } from '../api/client.js';
import {
  ADD_SERVICE_KEY,
  REVOKE_SERVICE_KEY,
  SET_SERVICE_STATUS,
  SET_SERVICE_WEBHOOK,
  type ServiceSummary,
} from '../api/operations/organisations.js';
import { ActionButton } from '../components/action-button.js';
import { FormCard, TextField } from '../components/form-card.js';
import { useT } from '../i18n/index.js';
import { formatDate } from '../lib/format.js';

export function ServiceCard({ service, onChanged }: { service: ServiceSummary; onChanged: () => void }) {
  const { t, language } = useT();
  const [webhookUrl, setWebhookUrl] = useState(service.webhookUrl ?? '');
  const [publicJwk, setPublicJwk] = useState('');
  const prefix = `svc-${service.clientId}`;
  const active = service.status === 'ACTIVE';
  return (
    <article className="service" aria-labelledby={`${prefix}-name`}>
      <h3 id={`${prefix}-name`}>
        {service.name} <span className={`badge service-${service.status}`}>{t(`serviceStatus.${service.status}`)}</span>
      </h3>
      <p className="muted">
        {t('orgs.clientId')}: <code>{service.clientId}</code> · {t('orgs.webhookUrl')}:{' '}
        {service.webhookUrl ?? t('orgs.noWebhook')}
      </p>
      <table className="compact">
        <caption>{t('orgs.keys')}</caption>
        <thead>
          <tr>
            <th scope="col">kid</th>
            <th scope="col">{t('orgs.added')}</th>
            <th scope="col">{t('orgs.revoked')}</th>
            <th scope="col">{t('purposes.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {service.keys.map((key) => (
            <tr key={key.kid}>
              <th scope="row">
                <code>{key.kid.slice(0, 16)}…</code>
              </th>
              <td>{formatDate(key.createdAt, language)}</td>
              <td>{key.revokedAt ? formatDate(key.revokedAt, language) : '–'}</td>
              <td>
                {!key.revokedAt && (
                  <ActionButton
                    label={t('orgs.revoke')}
                    className="danger"
                    run={async () =>
                      unwrap(
                        (await runOperation(REVOKE_SERVICE_KEY, { serviceId: service.id, kid: key.kid }))
                          .revokeServiceKey,
                      )
                    }
                    onDone={onChanged}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <ActionButton
          label={active ? t('orgs.disable') : t('orgs.enable')}
          className={active ? 'danger' : undefined}
          run={async () =>
            unwrap(
              (
                await runOperation(SET_SERVICE_STATUS, {
                  serviceId: service.id,
                  status: active ? 'DISABLED' : 'ACTIVE',
                })
              ).setServiceStatus,
            )
          }
          onDone={onChanged}
        />
      </div>
      <FormCard
        summary={t('orgs.addKey')}
        submitLabel={t('orgs.addKeySubmit')}
        onSubmit={async () => {
          unwrap((await runOperation(ADD_SERVICE_KEY, { serviceId: service.id, publicJwk })).addServiceKey);
          setPublicJwk('');
          onChanged();
        }}
      >
        <TextField
          id={`${prefix}-new-key`}
          label={t('orgs.publicJwk')}
          hint={t('orgs.publicJwkHint')}
          value={publicJwk}
          onChange={setPublicJwk}
          multiline
          required
        />
      </FormCard>
      <FormCard
        summary={t('orgs.changeWebhook')}
        submitLabel={t('common.save')}
        onSubmit={async () => {
          unwrap(
            (
              await runOperation(SET_SERVICE_WEBHOOK, {
                serviceId: service.id,
                webhookUrl: webhookUrl.trim() || null,
              })
            ).setServiceWebhook,
          );
          onChanged();
        }}
      >
        <TextField
          id={`${prefix}-webhook`}
          label={t('orgs.webhookUrl')}
          hint={t('orgs.webhookHint')}
          type="url"
          value={webhookUrl}
          onChange={setWebhookUrl}
        />
      </FormCard>
    </article>
  );
}
