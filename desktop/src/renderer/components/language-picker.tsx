import { chooseLanguage, LANGUAGES, useT } from '../i18n/index.js';
import type { Language } from '../lib/format.js';

const NAMES: Record<Language, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

export function LanguagePicker() {
  const { t, language } = useT();
  return (
    <div className="language-picker">
      <label htmlFor="language">{t('app.language')}</label>
      <select id="language" value={language} onChange={(e) => chooseLanguage(e.target.value as Language)}>
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {NAMES[lang]}
          </option>
        ))}
      </select>
    </div>
  );
}
