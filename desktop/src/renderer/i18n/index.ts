// fi/sv/en, every text written by hand in each. The officer's choice is remembered in
// localStorage (a preference, not a secret) and set as <html lang> for screen readers.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from '../lib/format.js';
import { en } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

export const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];
const STORAGE_KEY = 'lupa.admin.language';

function initialLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  const browser = navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(browser) ? (browser as Language) : 'fi';
}

export async function initI18n(): Promise<void> {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: false,
    resources: { fi: { translation: fi }, sv: { translation: sv }, en: { translation: en } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export function chooseLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export function useT(): { t: (key: string, options?: Record<string, unknown>) => string; language: Language } {
  const { t, i18n } = useTranslation();
  return { t: (key, options) => t(key, options ?? {}) as string, language: i18n.language as Language };
}
