// Where a `next` parameter may send the browser: a page of this site and nowhere else.
// Browsers drop TAB, CR and LF from URLs and read `\` as `/`, so a check on the raw string
// (`//`, `\`) is not enough; the value is parsed the way a browser parses it, against the
// public URL, and only an answer on the same origin is kept.

// C0 controls and DEL: browsers strip some of them silently, and CR/LF would split the header.
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export type RedirectTarget = { ok: true; location: string } | { ok: false };

/**
 * The local path (with query and fragment) to redirect to: `/` when no value was given,
 * `{ ok: false }` when the value has control characters or leads to another origin.
 */
export function redirectTarget(value: string | null, publicUrl: string): RedirectTarget {
  if (value === null || value === '') return { ok: true, location: '/' };
  if (hasControlCharacter(value)) return { ok: false };
  let target: URL;
  const base = new URL(publicUrl);
  try {
    target = new URL(value, base);
  } catch {
    return { ok: false };
  }
  if (target.origin !== base.origin) return { ok: false };
  // `/..//evil.example` resolves to the path `//evil.example`, which a browser would read as
  // another host once written into a relative Location.
  if (target.pathname.startsWith('//')) return { ok: false };
  return { ok: true, location: `${target.pathname}${target.search}${target.hash}` };
}
