import { z } from 'zod';
import { newPasswordField } from '~/auth/password-rules';

export const setPasswordSchema = z.object({
  password: newPasswordField,
  confirm: z.string({ required_error: 'staff:validation.required' }).min(1, 'staff:validation.required'),
}).refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'staff:password.mismatch' });
