import { z } from 'zod';
import { text, trackingUrl } from './format';
import { EmailLayout, Field, Paragraph, ResidentFooter, TrackingBlock } from './layout';
import { defineTemplate } from './template';

/** 受領通知: sent at once when a voice with an email address is received. */
export const receipt = defineTemplate({
  audience: 'resident',
  essential: true,
  schema: z.object({ receiptNumber: text, title: text, trackingToken: text }),
  secretFields: ['trackingToken'],
  subject: (t, p, ctx) => t('receipt.subject', { city: ctx.cityName, receiptNumber: p.receiptNumber }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t('receipt.heading')} heading={t('receipt.heading')} footer={<ResidentFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('receipt.intro', { city: ctx.cityName })}</Paragraph>
      <Field label={t('common.receiptNumberLabel')} value={p.receiptNumber} />
      <Field label={t('common.titleLabel')} value={p.title} />
      <Paragraph>{t('receipt.next')}</Paragraph>
      <TrackingBlock t={t} url={trackingUrl(ctx.appUrl, p.trackingToken)} />
    </EmailLayout>
  ),
  sample: (t) => ({
    receiptNumber: '2026-000123',
    title: t('samples.receipt.title'),
    trackingToken: 'sample-tracking-token',
  }),
});
