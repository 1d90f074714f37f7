/** Passwords people pick first (12+ characters); refused whatever the length. */
const COMMON = new Set([
  'password1234',
  'password12345',
  'password123456',
  '123456789012',
  '1234567890123',
  'qwertyuiop12',
  'qwertyuiopasdf',
  'iloveyou1234',
  'administrator',
  'administrator1',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'quarterdeck123',
  'quarterdeck1234',
  'trading123456',
]);

/**
 * Problems with a new password (empty when acceptable): length 12–256, not a well-known password,
 * not derived from the username, not one character or sequence repeated. No composition rules
 * (NIST SP 800-63B / ASVS V6).
 */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < 12) problems.push('use at least 12 characters');
  if (password.length > 256) problems.push('use at most 256 characters');
  if (COMMON.has(lower)) problems.push('this password is too common');
  if (username && lower.includes(username.toLowerCase()))
    problems.push('do not include your username');
  if (/^(.{1,3})\1+$/.test(password)) problems.push('do not repeat the same characters');
  return problems;
}
