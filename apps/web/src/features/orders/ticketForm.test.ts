import { describe, expect, it } from 'vitest';
import { hasTicketErrors } from './ticketForm';

describe('hasTicketErrors', () => {
  it('is false for no errors and for fields cleared back to undefined', () => {
    expect(hasTicketErrors({})).toBe(false);
    expect(hasTicketErrors({ qty: undefined, symbol: undefined })).toBe(false);
  });

  it('is true when any field has a message', () => {
    expect(hasTicketErrors({ qty: undefined, symbol: 'unknown symbol "ZZZ"' })).toBe(true);
  });
});
