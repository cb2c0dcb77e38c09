// The page's three languages and a translator over hand-written dictionaries. Parameters
// are substituted as plain text; the templates escape the result like any other string.
import { en } from './en.js';
import { fi, type MessageKey } from './fi.js';
import { sv } from './sv.js';

export type { MessageKey } from './fi.js';

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { fi, sv, en };

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Lang, string> = { fi: 'Suomeksi', sv: 'På svenska', en: 'In English' };

export type Translate = (key: MessageKey, params?: Record<string, string>) => string;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function createTranslator(lang: Lang): Translate {
  const dictionary = DICTIONARIES[lang];
  return (key, params = {}) => dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** Dates as residents of Finland read them: d.m.yyyy (fi, sv) or d Month yyyy (en), Helsinki time. */
export function formatDate(date: Date, lang: Lang, withTime = false): string {
  const locale = lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB';
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Europe/Helsinki',
    dateStyle: lang === 'en' ? 'long' : 'short',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(date);
}
