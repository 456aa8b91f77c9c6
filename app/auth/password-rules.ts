import { z } from 'zod';

// NIST SP 800-63B: at least 12 characters, any characters (spaces and Japanese included),
// no composition rules; a long upper bound so passphrases fit. The server also refuses
// common, repetitive and context-derived passwords (password-policy.server.ts).

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Full-width letters typed through a Japanese IME count as the same password. */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export function passwordLength(password: string): number {
  return Array.from(normalizePassword(password)).length;
}

/** A new password, as the browser and the server both check it. */
export const newPasswordField = z
  .string({ required_error: 'staff:password.tooShort' })
  .refine((p) => passwordLength(p) >= PASSWORD_MIN_LENGTH, 'staff:password.tooShort')
  .refine((p) => passwordLength(p) <= PASSWORD_MAX_LENGTH, 'staff:password.tooLong');
