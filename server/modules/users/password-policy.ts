import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';

/**
 * Password rules after NIST SP 800-63B: length over composition (no "one digit, one symbol"), every
 * Unicode character allowed, and no password an attacker would guess early. Guessability is
 * zxcvbn's (`@zxcvbn-ts/core` with its common and English dictionaries: breached passwords, names,
 * common words, keyboard patterns, repetitions, sequences, dates, l33t), plus the account's own email.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/**
 * zxcvbn's top score: an estimated 10^10 guesses or more, "strong protection from an offline
 * slow-hash attack". Score 3 still admits `Summer2026!!!` and `iloveyou iloveyou`.
 */
export const PASSWORD_MIN_SCORE = 4;

const ADVICE = 'a few unrelated words make a strong, memorable password';

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: loading the dictionaries takes a fifth of a second. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
    translations,
  });
  return estimator;
}

const lettersOnly = (value: string): string => value.replace(/[^\p{L}]/gu, '');

/** The parts of an email that a password must not be built from: the local part and its words. */
function emailInputs(email: string | undefined): string[] {
  const localPart = email?.trim().toLowerCase().split('@')[0] ?? '';
  return [localPart, ...localPart.split(/[^\p{L}\p{N}]+/u)].filter((part) => part.length >= 3);
}

function containsEmail(lower: string, email: string | undefined): boolean {
  const localPart = email?.trim().toLowerCase().split('@')[0] ?? '';
  const localLetters = lettersOnly(localPart);
  return (
    (localPart.length >= 4 && lower.includes(localPart)) ||
    (localLetters.length >= 4 && lettersOnly(lower).includes(localLetters)) ||
    (localPart !== '' && lower === localPart)
  );
}

/** zxcvbn's own warning, as a clause: "this is similar to a commonly used password". */
function warningOf(result: ZxcvbnResult): string {
  const warning = result.feedback.warning?.trim().replace(/\.$/, '');
  return warning ? `: ${warning.charAt(0).toLowerCase()}${warning.slice(1)}` : '';
}

// The DTO asks twice (validate, then the message): one estimate serves both.
let last: { password: string; email: string | undefined; reason: string | null } | null = null;

/**
 * Why a new password is refused, as the end of a sentence starting with "password", or null when
 * it is acceptable. Covers everything but the length, which the DTOs check (so that the OpenAPI
 * document shows it); `passwordProblem` checks both.
 */
export function weakPasswordReason(password: string, email?: string): string | null {
  if (last && last.password === password && last.email === email) return last.reason;
  const normalised = password.normalize('NFKC');
  let reason: string | null = null;
  if (containsEmail(normalised.toLowerCase(), email)) {
    reason = 'must not contain the name of the email address';
  } else {
    const result = zxcvbn().check(normalised, emailInputs(email));
    if (result.score < PASSWORD_MIN_SCORE) {
      reason = `is too easy to guess (about 10^${Math.floor(result.guessesLog10)} guesses)${warningOf(result)}; ${ADVICE}`;
    }
  }
  last = { password, email, reason };
  return reason;
}

/** Length (in Unicode code points, as NIST counts) and `weakPasswordReason`: for passwords that come through no DTO. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters long`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters long`;
  return weakPasswordReason(password, email);
}
