// The audit explorer's filter form: resident (by identity code, looked up with a reason, or
// by id), event kind, organisation, service, purpose, actor kind and id, outcome and days.
import type { FormEvent } from 'react';
import { type ActorKind, AUDIT_EVENT_KINDS, type AuditOutcome } from '../api/operations/audit.js';
import { ORGANISATIONS, SERVICES } from '../api/operations/organisations.js';
import { PURPOSES } from '../api/operations/purposes.js';
import { useQuery } from '../api/use-query.js';
import { useT } from '../i18n/index.js';
import { auditKindLabel } from '../lib/audit-kind.js';
import { localized } from '../lib/format.js';
import type { FilterForm } from './audit-filter-form.js';
import { type CodeProblem, MIN_REASON_LENGTH } from './audit-resident-code.js';

const ACTORS: ActorKind[] = ['SERVICE', 'OFFICER', 'RESIDENT', 'SYSTEM'];
const OUTCOMES: AuditOutcome[] = ['ALLOWED', 'PARTIAL', 'DENIED'];

interface Props {
  form: FilterForm;
  set: (patch: Partial<FilterForm>) => void;
  onSubmit: (event: FormEvent) => void;
  resolving: boolean;
  codeProblem: CodeProblem | null;
}

export function AuditFilters({ form, set, onSubmit, resolving, codeProblem }: Props) {
  const { t, language } = useT();
  const organisations = useQuery(ORGANISATIONS, {});
  const services = useQuery(SERVICES, {});
  const purposes = useQuery(PURPOSES, {});
  const kinds = useQuery(AUDIT_EVENT_KINDS, {});
  const codeProblemId = codeProblem ? 'f-resident-code-problem' : undefined;
  return (
    <form className="filters" onSubmit={onSubmit} aria-label={t('audit.filters')}>
      <fieldset className="resident-filter">
        <legend>{t('audit.resident')}</legend>
        <div className="field">
          <label htmlFor="f-resident-code">{t('audit.residentCode')}</label>
          <input
            id="f-resident-code"
            value={form.residentCode}
            autoComplete="off"
            aria-invalid={codeProblem === 'malformed' || codeProblem === 'noMatch' ? true : undefined}
            aria-describedby={codeProblemId}
            onChange={(e) => set({ residentCode: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="f-resident-reason">{t('audit.residentReason')}</label>
          <input
            id="f-resident-reason"
            value={form.residentReason}
            maxLength={500}
            aria-invalid={codeProblem === 'reason' ? true : undefined}
            aria-describedby={codeProblemId ? `f-resident-reason-hint ${codeProblemId}` : 'f-resident-reason-hint'}
            onChange={(e) => set({ residentReason: e.target.value })}
          />
          <p id="f-resident-reason-hint" className="hint">
            {t('audit.residentReasonHint', { min: MIN_REASON_LENGTH })}
          </p>
        </div>
        <div className="field">
          <label htmlFor="f-resident">{t('audit.residentId')}</label>
          <input id="f-resident" value={form.residentId} onChange={(e) => set({ residentId: e.target.value })} />
        </div>
        {codeProblem && (
          <p id="f-resident-code-problem" className="state error" role="alert">
            {t(`audit.code.${codeProblem}`, { min: MIN_REASON_LENGTH })}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="f-kind">{t('audit.kind')}</label>
        <select id="f-kind" value={form.kind} onChange={(e) => set({ kind: e.target.value })}>
          <option value="">{t('audit.any')}</option>
          {kinds.data?.auditEventKinds.map((kind) => (
            <option key={kind} value={kind}>
              {auditKindLabel(t, kind)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-organisation">{t('audit.organisation')}</label>
        <select
          id="f-organisation"
          value={form.organisationId}
          onChange={(e) => set({ organisationId: e.target.value })}
        >
          <option value="">{t('audit.any')}</option>
          {organisations.data?.organisations.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {localized(node.name, language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-service">{t('audit.service')}</label>
        <select id="f-service" value={form.serviceId} onChange={(e) => set({ serviceId: e.target.value })}>
          <option value="">{t('audit.any')}</option>
          {services.data?.services.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-purpose">{t('audit.purpose')}</label>
        <select id="f-purpose" value={form.purposeId} onChange={(e) => set({ purposeId: e.target.value })}>
          <option value="">{t('audit.any')}</option>
          {purposes.data?.purposes.edges.map(({ node }) => (
            <option key={node.id} value={node.id}>
              {node.slug}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-actor">{t('audit.actor')}</label>
        <select id="f-actor" value={form.actorKind} onChange={(e) => set({ actorKind: e.target.value })}>
          <option value="">{t('audit.any')}</option>
          {ACTORS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`actorKind.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-actor-id">{t('audit.actorId')}</label>
        <input id="f-actor-id" value={form.actorId} onChange={(e) => set({ actorId: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="f-outcome">{t('audit.outcome')}</label>
        <select id="f-outcome" value={form.outcome} onChange={(e) => set({ outcome: e.target.value })}>
          <option value="">{t('audit.any')}</option>
          {OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`outcome.${outcome}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-from">{t('audit.from')}</label>
        <input id="f-from" type="date" value={form.from} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="f-to">{t('audit.to')}</label>
        <input id="f-to" type="date" value={form.to} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <button type="submit" disabled={resolving}>
        {resolving ? t('audit.resolving') : t('audit.apply')}
      </button>
    </form>
  );
}
