import { describe, expect, it } from 'vitest';
import { commonPasswordForms, passwordProblems } from './passwordPolicy';

describe('passwordProblems', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('violet-anchor-drifts-north', 'alice')).toEqual([]);
  });

  it('refuses short, long, common, username-derived and repetitive passwords, naming why', () => {
    expect(passwordProblems('short', 'alice')).toContain('use at least 12 characters');
    expect(passwordProblems('x'.repeat(10) + 'y'.repeat(250), 'alice')).toContain(
      'use at most 256 characters',
    );
    expect(passwordProblems('Password1234', 'alice')).toContain('this password is too common');
    expect(passwordProblems('alice-is-the-best', 'Alice')).toContain(
      'do not include your username',
    );
    expect(passwordProblems('administrator', 'administrator')).toContain(
      'do not include your username',
    );
    expect(passwordProblems('abababababababab', 'bob')).toContain(
      'do not repeat the same characters',
    );
  });

  it('asks the given list about the password and its core without tacked-on digits', () => {
    const list = new Set(['sunshine', 'trustno1trustno1']);
    const isCommon = (s: string) => list.has(s);
    expect(passwordProblems('Sunshine2024!!', 'bob', isCommon)).toContain(
      'this password is too common',
    );
    expect(passwordProblems('trustno1trustno1', 'bob', isCommon)).toContain(
      'this password is too common',
    );
    expect(passwordProblems('sunshine-over-harbour', 'bob', isCommon)).toEqual([]);
  });

  it('strips only the ends, and never to a core shorter than 4', () => {
    expect(commonPasswordForms('2024sunshine!')).toEqual(['2024sunshine!', 'sunshine']);
    expect(commonPasswordForms('abc123456789')).toEqual(['abc123456789']);
    expect(commonPasswordForms('plainwords')).toEqual(['plainwords']);
  });
});
