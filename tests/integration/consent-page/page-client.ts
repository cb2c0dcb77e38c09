// A tiny browser stand-in for the resident page over `app.fetch`: keeps cookies, reads the
// CSRF token from the last page, and posts forms the way a same-origin browser would.
import { startResidentSession } from '../../../api/src/consent-page/session.js';
import { BASE_URL, type TestApp } from '../../fixtures/app.js';

export class PageClient {
  readonly cookies = new Map<string, string>();
  lastBody = '';
  #csrf: string | undefined;

  constructor(
    private readonly t: TestApp,
    readonly clientAddress = `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await this.t.app.fetch(new Request(`${BASE_URL}${path}`, { ...init, headers }), {
      clientAddress: this.clientAddress,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/Max-Age=0/.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  async get(path: string): Promise<{ response: Response; body: string }> {
    const response = await this.request(path);
    const body = await response.text();
    this.#remember(response, body);
    return { response, body };
  }

  /** The CSRF token of the last page that had a form. */
  csrf(): string {
    if (!this.#csrf) throw new Error('no page with a CSRF token yet');
    return this.#csrf;
  }

  #remember(response: Response, body: string): void {
    if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return;
    this.lastBody = body;
    const match = /name="_csrf" value="([^"]+)"/.exec(body);
    if (match?.[1]) this.#csrf = match[1];
  }

  async post(
    path: string,
    fields: Record<string, string>,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<{ response: Response; body: string }> {
    const csrf = options.csrf === undefined ? this.csrf() : options.csrf;
    const form = new URLSearchParams({ ...fields, ...(csrf === null ? {} : { _csrf: csrf }) });
    const response = await this.request(path, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        ...options.headers,
      },
      body: form.toString(),
    });
    const body = await response.text();
    this.#remember(response, body);
    return { response, body };
  }

  /** Signs in as the resident directly (the sign-in flows have their own tests). */
  async signInAs(residentId: string): Promise<void> {
    const { token } = await startResidentSession(this.t.db.prisma, residentId, this.t.clock.now);
    this.cookies.set('lupa_session', token);
    await this.get('/');
  }
}
