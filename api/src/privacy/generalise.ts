// Generalising replaces a value with a coarser one that many residents share: a year for a
// birth date, a postal area for an address. Each form reveals no more than the masked form
// of the same field (see access-level.ts, which relies on that to rank GENERALISED as the
// strictest level).
import { HIDDEN, readBirthYear } from './mask.js';

/** `1990-05-17` → `1990`. */
export function generaliseBirthDate(value: Date | string): string {
  const year = readBirthYear(value);
  return year === undefined ? HIDDEN : String(year).padStart(4, '0');
}

/** `anna.virtanen@example.invalid` → `•••@example.invalid`: only the mail domain. */
export function generaliseEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return HIDDEN;
  return `${HIDDEN}${trimmed.slice(at)}`;
}

/** A phone number has no coarser form worth giving, so it is hidden entirely. */
export function generalisePhone(_phone: string): string {
  return '••• •••• ••';
}

export interface AddressArea {
  postalCode?: string | null;
  district?: string | null;
}

/** A street address → `00100 Kallio`: its postal code and district, not the street. */
export function generaliseStreetAddress(area: AddressArea): string {
  const parts = [area.postalCode, area.district]
    .map((p) => (typeof p === 'string' ? p.trim() : ''))
    .filter((p) => p !== '');
  return parts.length > 0 ? parts.join(' ') : HIDDEN;
}

// The century sign of a personal identity code (the letters were added in 2023).
const CENTURIES: Readonly<Record<string, number>> = Object.fromEntries([
  ...['+'].map((sign) => [sign, 1800]),
  ...['-', 'U', 'V', 'W', 'X', 'Y'].map((sign) => [sign, 1900]),
  ...['A', 'B', 'C', 'D', 'E', 'F'].map((sign) => [sign, 2000]),
]);

/** `010190-900R` → `1990`: the birth year, read from the date part and century sign. */
export function generalisePersonalIdentityCode(code: string): string {
  const match = /^\d{4}(\d{2})([-+A-FU-Y])\d{3}[0-9A-Y]$/.exec(code.trim().toUpperCase());
  const century = match?.[2] === undefined ? undefined : CENTURIES[match[2]];
  if (!match || century === undefined) return HIDDEN;
  return String(century + Number(match[1]));
}
