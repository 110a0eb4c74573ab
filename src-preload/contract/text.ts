import { z } from 'zod';

// Free text typed by an operator. NUL bytes break PostgreSQL text and absurd lengths are
// never a real search, so both are refused with words rather than passed on.
export function operatorText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .max(max, { error: `${label} is longer than ${max} characters.` })
    .refine((value) => !value.includes('\u0000'), {
      error: `${label} contains a NUL byte; remove it and try again.`,
    });
}

export function requiredText(label: string, max: number) {
  return operatorText(label, max)
    .transform((value) => value.trim())
    .refine((value) => value.length > 0, { error: `${label} is required.` });
}
