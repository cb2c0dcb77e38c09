// The page templates escape every interpolated value, so names and purpose wording can never
// become markup.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../../api/src/consent-page/html.js';
import { createTranslator } from '../../../api/src/consent-page/i18n/index.js';
import { signInPage } from '../../../api/src/consent-page/views/sign-in.js';

describe('html templates', () => {
  it('escapes text, attributes and nested arrays, but not nested templates', () => {
    const hostile = `<script>alert("x")</script>' onmouseover='x' \``;
    const out = html`<p title="${hostile}">${hostile}${[hostile, html`<b>${hostile}</b>`]}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toMatch(/["']\s*onmouseover=['"]/);
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &#96;');
    expect(out).toContain('<b>&lt;script&gt;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('drops null, undefined and false but keeps 0', () => {
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('renders a whole page with a hostile value escaped and the language attribute set', () => {
    const page = signInPage(
      { lang: 'sv', t: createTranslator('sv'), session: null, csrfToken: '"><img src=x>', path: '/?q=<x>' },
      { email: '"><script>x</script>', emailError: true },
    );
    expect(page).toContain('<html lang="sv">');
    expect(page).not.toContain('<script>x');
    expect(page).not.toContain('<img src=x>');
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).toContain('aria-describedby="email-hint email-error"');
    expect(page).toContain('aria-invalid="true"');
  });
});
