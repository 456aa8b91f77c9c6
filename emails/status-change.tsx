import { z } from 'zod';
import { text, trackingUrl } from './format';
import { EmailLayout, Field, Paragraph, ResidentFooter, TrackingBlock } from './layout';
import { defineTemplate } from './template';

/** The voice was merged into another, referred outside the city, or closed. */
export const statusChange = defineTemplate({
  audience: 'resident',
  essential: false,
  schema: z
    .object({
      receiptNumber: text,
      title: text,
      status: z.enum(['merged', 'referred', 'closed']),
      mergedInto: text.optional(),
      referredTo: text.optional(),
      trackingToken: text.optional(),
    })
    .refine((p) => p.status !== 'merged' || p.mergedInto, { message: 'mergedInto is required when status is merged', path: ['mergedInto'] })
    .refine((p) => p.status !== 'referred' || p.referredTo, { message: 'referredTo is required when status is referred', path: ['referredTo'] }),
  secretFields: ['trackingToken'],
  subject: (t, p, ctx) => t('statusChange.subject', { city: ctx.cityName, receiptNumber: p.receiptNumber }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t('statusChange.heading')} heading={t('statusChange.heading')} footer={<ResidentFooter t={t} ctx={ctx} />}>
      <Field label={t('common.receiptNumberLabel')} value={p.receiptNumber} />
      <Paragraph>{t(`statusChange.${p.status}`, { title: p.title, mergedInto: p.mergedInto, referredTo: p.referredTo })}</Paragraph>
      <TrackingBlock t={t} url={p.trackingToken ? trackingUrl(ctx.appUrl, p.trackingToken) : undefined} />
    </EmailLayout>
  ),
  sample: (t) => ({
    receiptNumber: '2026-000124',
    title: t('samples.statusChange.title'),
    status: 'referred' as const,
    referredTo: t('samples.statusChange.referredTo'),
  }),
});
