// Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit computed with
// the weights 7, 9, 10, 5, 8, 4, 2 modulo 11. A remainder of 1 is never issued.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

export function businessIdCheckDigit(sevenDigits: string): number | undefined {
  const sum = [...sevenDigits].reduce((acc, digit, i) => acc + Number(digit) * (WEIGHTS[i] ?? 0), 0);
  const remainder = sum % 11;
  if (remainder === 1) return undefined;
  return remainder === 0 ? 0 : 11 - remainder;
}

export function isValidBusinessId(input: string): boolean {
  const match = /^(\d{7})-(\d)$/.exec(input.trim());
  if (!match) return false;
  return businessIdCheckDigit(match[1] as string) === Number(match[2]);
}
