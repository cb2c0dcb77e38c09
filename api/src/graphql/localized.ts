import { builder } from './builder.js';

export interface Localized {
  fi: string;
  sv: string;
  en: string;
}

/** Text written by hand in Finnish, Swedish and English. */
export const LocalizedText = builder.objectRef<Localized>('LocalizedText').implement({
  fields: (t) => ({ fi: t.exposeString('fi'), sv: t.exposeString('sv'), en: t.exposeString('en') }),
});
