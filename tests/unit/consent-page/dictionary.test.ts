// Every text exists, translated, in Finnish, Swedish and English.
import { describe, expect, it } from 'vitest';
import { createTranslator, DICTIONARIES, LANGUAGES } from '../../../api/src/consent-page/i18n/index.js';

describe('resident page dictionaries', () => {
  const keys = Object.keys(DICTIONARIES.fi).sort();

  it.each(LANGUAGES)('%s has exactly the keys of the others, none empty', (lang) => {
    const dictionary = DICTIONARIES[lang];
    expect(Object.keys(dictionary).sort()).toEqual(keys);
    for (const key of keys) expect(dictionary[key as keyof typeof dictionary].trim(), key).not.toBe('');
  });

  it('uses the same placeholders in every language', () => {
    for (const key of keys) {
      const placeholders = (lang: (typeof LANGUAGES)[number]) =>
        (DICTIONARIES[lang][key as keyof typeof DICTIONARIES.fi].match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders('sv'), key).toEqual(placeholders('fi'));
      expect(placeholders('en'), key).toEqual(placeholders('fi'));
    }
  });

  it('translates rather than copies: most Swedish and English texts differ from the Finnish', () => {
    const same = (lang: 'sv' | 'en') =>
      keys.filter(
        (k) =>
          DICTIONARIES[lang][k as keyof typeof DICTIONARIES.fi] === DICTIONARIES.fi[k as keyof typeof DICTIONARIES.fi],
      );
    // Only the product name may be identical.
    expect(same('sv')).toEqual(['appName']);
    expect(same('en')).toEqual(['appName']);
  });

  it('substitutes parameters', () => {
    expect(createTranslator('en')('greeting', { name: 'Aino' })).toBe('Hello Aino!');
  });
});
