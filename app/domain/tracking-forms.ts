import { z } from 'zod';

// The two small forms of the tracking page besides the rating: mail the link to oneself, and
// add to one's voice. One schema each, run by react-hook-form and again by the server.

export const NOTE_MAX = 2000;

const error = (key: string) => `citizen:track.errors.${key}`;
const clean = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');

export const trackingMailSchema = z.object({
  email: z.preprocess(clean, z.string().min(1, error('emailRequired')).max(254, error('email')).email(error('email'))),
});

export const residentNoteSchema = z.object({
  note: z.preprocess(clean, z.string().min(1, error('noteRequired')).refine((v) => Array.from(v).length <= NOTE_MAX, error('noteTooLong'))),
});

