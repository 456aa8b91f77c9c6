import { isLanguageCode } from '~/i18n/i18n';
import { z } from 'zod';
import { newPasswordField } from '~/auth/password-rules';

export const changePasswordSchema = z.object({
  current: z.string({ required_error: 'staff:validation.required' }).min(1, 'staff:validation.required'),
  password: newPasswordField,
  confirm: z.string({ required_error: 'staff:validation.required' }).min(1, 'staff:validation.required'),
}).refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'staff:password.mismatch' });

export const languageSchema = z.object({
  language: z.string({ required_error: 'staff:validation.required' }).refine(isLanguageCode, 'staff:validation.required'),
});
