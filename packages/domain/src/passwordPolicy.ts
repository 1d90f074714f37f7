/** Passwords people pick first; refused whatever the length (the console adds a 49k-entry list). */
const BUILT_IN_COMMON = new Set([
  'password1234',
  'qwertyuiop12',
  'administrator',
  'changeme1234',
  'quarterdeck123',
  'quarterdeck1234',
  'trading123456',
]);

/** A password list lookup (lowercase in); the console passes a real common-password list. */
export type CommonPasswordCheck = (lowercase: string) => boolean;

/**
 * The forms of a password that a list lookup must catch: the password itself, and the password
 * without the digits and symbols people tack on at either end (`Password2024!` → `password`).
 */
export function commonPasswordForms(lowercase: string): string[] {
  const core = lowercase.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  return core.length >= 4 && core !== lowercase ? [lowercase, core] : [lowercase];
}

/**
 * Problems with a new password (empty when acceptable): length 12–256, not a well-known password
 * (nor one with digits or symbols tacked on), not the username nor containing it, not one
 * character or sequence repeated. No composition rules (NIST SP 800-63B / ASVS V6).
 */
export function passwordProblems(
  password: string,
  username: string,
  isCommon: CommonPasswordCheck = () => false,
): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < 12) problems.push('use at least 12 characters');
  if (password.length > 256) problems.push('use at most 256 characters');
  if (commonPasswordForms(lower).some((f) => BUILT_IN_COMMON.has(f) || isCommon(f)))
    problems.push('this password is too common');
  if (username && lower.includes(username.toLowerCase()))
    problems.push('do not include your username');
  if (/^(.{1,3})\1+$/.test(password)) problems.push('do not repeat the same characters');
  return problems;
}
