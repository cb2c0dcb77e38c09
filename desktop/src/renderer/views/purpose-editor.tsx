// The draft editor: legal basis, retention, consent validity, data categories × access
// level, recipient organisations and the plain-language texts in fi/sv/en.
import { type FormEvent, type ReactNode, useState } from 'react';
import {
  ACCESS_LEVELS,
  type AccessLevel,
  LEGAL_BASES,
  type LegalBasis,
  SPECIAL_CATEGORY_BASES,
  type SpecialCategoryBasis,
} from '../api/operations/common.js';
import type { OrganisationSummary } from '../api/operations/organisations.js';
import type { DataCategorySummary, PurposeVersionDetail, PurposeVersionInput } from '../api/operations/purposes.js';
import { ErrorNotice } from '../components/states.js';
import { useT } from '../i18n/index.js';
import { type Language, localized } from '../lib/format.js';
import { PurposeLint } from './purpose-lint.js';

const TEXT_LANGUAGES: Language[] = ['fi', 'sv', 'en'];
type TextKey = `${'title' | 'description'}${'Fi' | 'Sv' | 'En'}`;
const suffix = (lang: Language) => (lang === 'fi' ? 'Fi' : lang === 'sv' ? 'Sv' : 'En');

export function emptyDraft(): PurposeVersionInput {
  return {
    legalBasis: 'CONSENT',
    specialCategoryBasis: null,
    retentionDays: 365,
    consentValidityDays: 730,
    categories: [],
    recipientIds: [],
    titleFi: '',
    titleSv: '',
    titleEn: '',
    descriptionFi: '',
    descriptionSv: '',
    descriptionEn: '',
  };
}

export function draftOf(version: PurposeVersionDetail): PurposeVersionInput {
  return {
    legalBasis: version.legalBasis,
    specialCategoryBasis: version.specialCategoryBasis,
    retentionDays: version.retentionDays,
    consentValidityDays: version.consentValidityDays,
    categories: version.categories.map((c) => ({ categoryId: c.category.id, accessLevel: c.accessLevel })),
    recipientIds: version.recipients.map((r) => r.id),
    titleFi: version.title.fi,
    titleSv: version.title.sv,
    titleEn: version.title.en,
    descriptionFi: version.description.fi,
    descriptionSv: version.description.sv,
    descriptionEn: version.description.en,
  };
}

export function PurposeEditor({
  initial,
  categories,
  organisations,
  submitLabel,
  onSubmit,
  before,
  controllerId,
}: {
  initial: PurposeVersionInput;
  categories: DataCategorySummary[];
  organisations: OrganisationSummary[];
  submitLabel: string;
  onSubmit: (draft: PurposeVersionInput) => Promise<void>;
  /** Fields shown above the draft's own (a new purpose's slug and controller). */
  before?: ReactNode;
  /** The controller, for the linter (public tasks are a municipal controller's). */
  controllerId?: string;
}) {
  const { t, language } = useT();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const update = (patch: Partial<PurposeVersionInput>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const levelOf = (categoryId: string) => draft.categories.find((c) => c.categoryId === categoryId)?.accessLevel;

  function setLevel(categoryId: string, level: AccessLevel | '') {
    const others = draft.categories.filter((c) => c.categoryId !== categoryId);
    update({ categories: level ? [...others, { categoryId, accessLevel: level }] : others });
  }

  function setLegalBasis(legalBasis: LegalBasis) {
    // Consent expires and is asked again; other bases have no consent validity.
    update({
      legalBasis,
      consentValidityDays: legalBasis === 'CONSENT' ? (draft.consentValidityDays ?? 730) : null,
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(draft);
      setSaved(true);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="purpose-editor" onSubmit={submit}>
      {before}
      <fieldset>
        <legend>{t('editor.basis')}</legend>
        <div className="field">
          <label htmlFor="legal-basis">{t('purposes.legalBasis')}</label>
          <select
            id="legal-basis"
            value={draft.legalBasis}
            onChange={(e) => setLegalBasis(e.target.value as LegalBasis)}
          >
            {LEGAL_BASES.map((basis) => (
              <option key={basis} value={basis}>
                {t(`legalBasis.${basis}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="special-basis">{t('editor.specialBasis')}</label>
          <select
            id="special-basis"
            value={draft.specialCategoryBasis ?? ''}
            onChange={(e) => update({ specialCategoryBasis: (e.target.value || null) as SpecialCategoryBasis | null })}
          >
            <option value="">{t('editor.noSpecialBasis')}</option>
            {SPECIAL_CATEGORY_BASES.map((basis) => (
              <option key={basis} value={basis}>
                {t(`specialBasis.${basis}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="retention">{t('editor.retentionDays')}</label>
          <input
            id="retention"
            type="number"
            min={1}
            max={36500}
            required
            value={draft.retentionDays}
            onChange={(e) => update({ retentionDays: Number(e.target.value) })}
          />
        </div>
        {draft.legalBasis === 'CONSENT' && (
          <div className="field">
            <label htmlFor="consent-validity">{t('editor.consentValidityDays')}</label>
            <input
              id="consent-validity"
              type="number"
              min={1}
              max={3650}
              required
              value={draft.consentValidityDays ?? ''}
              onChange={(e) => update({ consentValidityDays: Number(e.target.value) })}
            />
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('editor.categories')}</legend>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('editor.category')}</th>
              <th scope="col">{t('editor.sensitivity')}</th>
              <th scope="col">{t('editor.accessLevel')}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => (
              <tr key={category.id}>
                <th scope="row">
                  <label htmlFor={`level-${category.slug}`}>{localized(category.name, language)}</label>
                  <div className="muted">{category.slug}</div>
                </th>
                <td>{t(`sensitivity.${category.sensitivity}`)}</td>
                <td>
                  <select
                    id={`level-${category.slug}`}
                    value={levelOf(category.id) ?? ''}
                    onChange={(e) => setLevel(category.id, e.target.value as AccessLevel | '')}
                  >
                    <option value="">{t('editor.notIncluded')}</option>
                    {ACCESS_LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {t(`accessLevel.${level}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>

      <fieldset>
        <legend>{t('editor.recipients')}</legend>
        <div className="checkbox-grid">
          {organisations.map((org) => (
            <div key={org.id} className="checkbox">
              <input
                id={`recipient-${org.slug}`}
                type="checkbox"
                checked={draft.recipientIds.includes(org.id)}
                onChange={(e) =>
                  update({
                    recipientIds: e.target.checked
                      ? [...draft.recipientIds, org.id]
                      : draft.recipientIds.filter((id) => id !== org.id),
                  })
                }
              />
              <label htmlFor={`recipient-${org.slug}`}>{localized(org.name, language)}</label>
            </div>
          ))}
        </div>
      </fieldset>

      {TEXT_LANGUAGES.map((lang) => {
        const titleKey = `title${suffix(lang)}` as TextKey;
        const descriptionKey = `description${suffix(lang)}` as TextKey;
        return (
          <fieldset key={lang} lang={lang}>
            <legend>{t(`editor.texts.${lang}`)}</legend>
            <div className="field">
              <label htmlFor={`title-${lang}`}>{t('editor.titleField')}</label>
              <input
                id={`title-${lang}`}
                required
                minLength={3}
                maxLength={200}
                value={draft[titleKey]}
                onChange={(e) => update({ [titleKey]: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`description-${lang}`}>{t('editor.descriptionField')}</label>
              <textarea
                id={`description-${lang}`}
                required
                minLength={10}
                maxLength={4000}
                rows={3}
                value={draft[descriptionKey]}
                onChange={(e) => update({ [descriptionKey]: e.target.value })}
              />
            </div>
          </fieldset>
        );
      })}

      <PurposeLint draft={draft} controllerId={controllerId} />
      {error && <ErrorNotice error={error} />}
      {saved && (
        <p className="state ok" role="status">
          {t('editor.saved')}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('common.working') : submitLabel}
      </button>
    </form>
  );
}
