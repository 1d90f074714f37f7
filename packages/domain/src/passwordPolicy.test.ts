import { describe, expect, it } from 'vitest';
import { passwordProblems } from './passwordPolicy';

describe('passwordProblems', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('violet-anchor-drifts-north', 'alice')).toEqual([]);
  });

  it('refuses short, common, username-derived and repetitive passwords, naming why', () => {
    expect(passwordProblems('short', 'alice')).toContain('use at least 12 characters');
    expect(passwordProblems('Password1234', 'alice')).toContain('this password is too common');
    expect(passwordProblems('alice-is-the-best', 'Alice')).toContain(
      'do not include your username',
    );
    expect(passwordProblems('abababababababab', 'bob')).toContain(
      'do not repeat the same characters',
    );
  });
});
