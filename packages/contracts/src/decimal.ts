import { z } from 'zod';

/** A decimal number carried as a string so no binary float ever touches money or quantities. */
export const DecimalString = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'must be a decimal number such as "12.5"');

/** A strictly positive decimal string. */
export const PositiveDecimalString = DecimalString.refine(
  (v) => !v.startsWith('-') && /[1-9]/.test(v),
  {
    message: 'must be greater than 0',
  },
);

/** A strictly positive whole number carried as a string (share quantities). */
export const QuantityString = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a whole number of shares (no fractions)')
  .refine((v) => /[1-9]/.test(v), { message: 'must be greater than 0' });

export const IsoTimestamp = z.iso.datetime({ offset: true });
