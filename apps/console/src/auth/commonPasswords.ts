import { dictionary } from '@zxcvbn-ts/language-common';

let list: Set<string> | null = null;

/**
 * True when the (lowercase) password is on zxcvbn-ts's common-password list (about 49,000
 * passwords from real breaches). Built on first use; the list is already lowercase.
 */
export function isCommonPassword(lowercase: string): boolean {
  list ??= new Set(dictionary['passwords-common']);
  return list.has(lowercase);
}
