// What every view needs to know about the request it renders for.
import type { Lang, Translate } from '../i18n/index.js';
import type { ResidentSessionInfo } from '../session.js';

export interface ViewContext {
  lang: Lang;
  t: Translate;
  session: ResidentSessionInfo | null;
  /** The token every POST form of this page must carry. */
  csrfToken: string;
  /** Path and query of this page, where the language switcher comes back to. */
  path: string;
}
