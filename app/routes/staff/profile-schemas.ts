import { z } from 'zod';
import { newPasswordField } from '~/auth/password-rules';

export const changePasswordSchema = z.object({
  current: z.string({ required_error: 'staff:validation.required' }).min(1, 'staff:validation.required'),
  password: newPasswordField,
  confirm: z.string({ required_error: 'staff:validation.required' }).min(1, 'staff:validation.required'),
}).refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'staff:password.mismatch' });

export const languageSchema = z.object({
  language: z.string({ required_error: 'staff:validation.required' }).regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, 'staff:validation.required'),
});
