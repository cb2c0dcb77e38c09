// Whether a Finnish personal identity code (henkilötunnus) is well formed: the API checks
// the same (prisma/src/pic.ts) before it looks anyone up, and refuses a malformed one. The
// explorer checks first so the officer hears at once which code is wrong, before a lookup
// with their reason is sent. A unit test holds the two checks to the same answers.

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURY: Record<string, number> = { '+': 1800, '-': 1900, A: 2000 };
const PATTERN = /^(\d{2})(\d{2})(\d{2})([-+YXWVUABCDEF])(\d{3})([0-9A-Y])$/;

function century(sign: string): number {
  return CENTURY[sign] ?? ('YXWVU'.includes(sign) ? 1900 : 2000);
}

export function isWellFormedIdentityCode(input: string): boolean {
  const match = PATTERN.exec(input.trim().toUpperCase());
  if (!match) return false;
  const [, dd, mm, yy, sign, individual, check] = match as unknown as string[];
  const month = Number(mm) - 1;
  const day = Number(dd);
  const date = new Date(Date.UTC(century(sign as string) + Number(yy), month, day));
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day) return false;
  if (Number(individual) < 2) return false;
  return CHECK_CHARS[Number(`${dd}${mm}${yy}${individual}`) % 31] === check;
}
