import { z } from 'zod';
import { text, trackingUrl } from './format';
import { EmailLayout, Field, Paragraph, Quoted, ResidentFooter, TrackingBlock } from './layout';
import { defineTemplate } from './template';

/** The approved final reply (回答), as shown on the tracking page. */
export const reply = defineTemplate({
  audience: 'resident',
  essential: true,
  schema: z.object({ receiptNumber: text, title: text, replyBody: text, trackingToken: text.optional() }),
  secretFields: ['trackingToken'],
  subject: (t, p, ctx) => t('reply.subject', { city: ctx.cityName, receiptNumber: p.receiptNumber }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t('reply.heading')} heading={t('reply.heading')} footer={<ResidentFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('reply.intro', { title: p.title })}</Paragraph>
      <Field label={t('common.receiptNumberLabel')} value={p.receiptNumber} />
      <Quoted text={p.replyBody} />
      <Paragraph>{t('reply.rateLead')}</Paragraph>
      <TrackingBlock t={t} url={p.trackingToken ? trackingUrl(ctx.appUrl, p.trackingToken) : undefined} />
    </EmailLayout>
  ),
  sample: (t) => ({
    receiptNumber: '2026-000123',
    title: t('samples.reply.title'),
    replyBody: t('samples.reply.replyBody'),
    trackingToken: 'sample-tracking-token',
  }),
});
