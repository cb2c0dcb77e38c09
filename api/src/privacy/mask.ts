// Masking keeps a fragment of a value — enough for a person to recognise their own data
// ("the address starting with a, at example.invalid"), too little to use it. Every function
// returns a fixed placeholder for input it cannot take apart: shown nothing is better than
// shown the whole value.

export const HIDDEN = '•••';
const HIDDEN_PHONE = '••• •••• ••';
const HIDDEN_PIC = '••••••-••••';

function firstCharacter(text: string): string | undefined {
  // By code point, so a name or address starting outside the BMP is not cut in half.
  return Array.from(text)[0];
}

/** `anna.virtanen@example.invalid` → `a•••@example.invalid`. */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return HIDDEN;
  return `${firstCharacter(trimmed)}${HIDDEN}${trimmed.slice(at)}`;
}

/**
 * `+358 40 123 4567` → `••• •••• 67`: the last two digits in a fixed frame, so neither
 * the rest nor the number's length shows. Numbers with fewer than seven digits (service
 * numbers, typos) are hidden entirely, because two digits would be a large share of them.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return HIDDEN_PHONE;
  return `••• •••• ${digits.slice(-2)}`;
}

/**
 * `Virtanen` → `V.`. A name that its initial would spell out whole (`A`, `A.`) is hidden
 * instead, so the masked form is never the name itself.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  const initial = `${firstCharacter(trimmed) ?? ''}.`;
  if (Array.from(trimmed).length < 2 || initial === trimmed) return HIDDEN;
  return initial;
}

const PIC_PATTERN = /^(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])$/;

/**
 * `010190-900R` → `010190-••••`: the birth date part and century sign stay, the individual
 * number and check character go. Not even the first individual digit is kept: given the
 * birth date, the individual number and check character are the only secret left, and
 * every digit shown divides the guesses needed to rebuild the code by ten.
 */
export function maskPersonalIdentityCode(code: string): string {
  const match = PIC_PATTERN.exec(code.trim().toUpperCase());
  if (!match) return HIDDEN_PIC;
  return `${match[1]}${match[2]}••••`;
}

/** The year of a birth date given as a Date (UTC) or an ISO `YYYY-MM-DD…` string. */
export function readBirthYear(value: Date | string): number | undefined {
  if (value instanceof Date) {
    // Birth dates are calendar dates stored at UTC midnight; local time could shift the year.
    const year = value.getUTCFullYear();
    return Number.isFinite(year) ? year : undefined;
  }
  const match = /^(\d{4})-\d{2}-\d{2}/.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

/** `1990-05-17` → `1990-••-••`: the same information as the generalised form, in date shape. */
export function maskBirthDate(value: Date | string): string {
  const year = readBirthYear(value);
  return year === undefined ? HIDDEN : `${String(year).padStart(4, '0')}-••-••`;
}

/**
 * `Mannerheimintie 5 A 12` → `Mannerheimintie •••`: the street without number, staircase or
 * flat. An address with no number to cut off is hidden whole, since what is left would
 * be all of it.
 */
export function maskStreetAddress(street: string): string {
  const match = /^(\D*?)\s*\d/.exec(street.trim());
  const name = match?.[1]?.trim();
  return name ? `${name} ${HIDDEN}` : HIDDEN;
}
