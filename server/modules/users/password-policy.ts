import { COMMON_PASSWORDS } from './common-passwords';

/**
 * Password rules after NIST SP 800-63B: length over composition (no "one digit, one symbol"), every
 * Unicode character allowed, and a blocklist of passwords attackers try first — breached and
 * common passwords, repetitive or sequential ones, and ones built from the account's own email.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
};

function undoLeet(value: string, one: 'i' | 'l'): string {
  return value.replace(/[@43!0$57]|1/g, (c) => (c === '1' ? one : LEET[c]));
}

const lettersOnly = (value: string): string => value.replace(/[^\p{L}]/gu, '');

/** `abcabcabc` → `abc`; the value itself when it is not a repetition. */
function repeatedUnit(value: string): string {
  for (let size = 1; size <= value.length / 2; size++) {
    if (value.length % size === 0 && value.slice(0, size).repeat(value.length / size) === value)
      return value.slice(0, size);
  }
  return value;
}

/** The forms an attacker's list would hold: as typed, without digits and symbols at the ends, de-leeted. */
function commonForms(lower: string): Set<string> {
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const forms = [lower, core, lettersOnly(lower), undoLeet(core, 'i'), undoLeet(core, 'l')];
  for (const form of [...forms]) forms.push(repeatedUnit(form), lettersOnly(form));
  return new Set(forms.filter((form) => form.length > 0));
}

/** Every step +1 or every step −1 (`abcdefghijkl`, `987654321098`: digits wrap around). */
function isSequence(codePoints: number[]): boolean {
  const digits = codePoints.every((c) => c >= 48 && c <= 57);
  for (const direction of [1, -1]) {
    const follows = (a: number, b: number) =>
      b - a === direction || (digits && (b - a + 10) % 10 === (direction + 10) % 10);
    if (codePoints.every((c, i) => i === 0 || follows(codePoints[i - 1], c))) return true;
  }
  return false;
}

/**
 * Why a new password is refused, as the end of a sentence starting with "password", or null when
 * it is acceptable. Covers everything but the length, which the DTOs check (so that the OpenAPI
 * document shows it); `passwordProblem` checks both.
 */
export function weakPasswordReason(password: string, email?: string): string | null {
  const codePoints = [...password].map((c) => c.codePointAt(0) ?? 0);
  const lower = password.normalize('NFKC').toLowerCase();
  if (new Set(codePoints).size < 5 || isSequence(codePoints)) {
    return 'is too repetitive or sequential; a few unrelated words make a strong, memorable password';
  }
  for (const form of commonForms(lower)) {
    if (COMMON_PASSWORDS.has(form)) {
      return 'is one of the most common (breached) passwords, or one with digits or symbols added; a few unrelated words make a strong, memorable password';
    }
  }
  const localPart = email?.trim().toLowerCase().split('@')[0] ?? '';
  const localLetters = lettersOnly(localPart);
  if (
    (localPart.length >= 4 && lower.includes(localPart)) ||
    (localLetters.length >= 4 && lettersOnly(lower).includes(localLetters)) ||
    (localPart && lower === localPart)
  ) {
    return 'must not contain the name of the email address';
  }
  return null;
}

/** Length (in Unicode code points, as NIST counts) and `weakPasswordReason`: for passwords that come through no DTO. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters long`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters long`;
  return weakPasswordReason(password, email);
}
