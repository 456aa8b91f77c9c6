import { z } from 'zod';
import { formatDate, isoDate, text, trackingUrl } from './format';
import { EmailLayout, Field, Paragraph, Quoted, ResidentFooter, TrackingBlock } from './layout';
import { defineTemplate } from './template';

/** 中間回答: past the reply target, the department gives a reason and a new date. */
export const interimReply = defineTemplate({
  audience: 'resident',
  essential: true,
  schema: z.object({
    receiptNumber: text, title: text, replyBody: text, reason: text, newDueDate: isoDate, trackingToken: text.optional(),
  }),
  secretFields: ['trackingToken'],
  subject: (t, p, ctx) => t('interimReply.subject', { city: ctx.cityName, receiptNumber: p.receiptNumber }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t('interimReply.heading')} heading={t('interimReply.heading')} footer={<ResidentFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('interimReply.intro', { title: p.title })}</Paragraph>
      <Field label={t('common.receiptNumberLabel')} value={p.receiptNumber} />
      <Field label={t('interimReply.reasonLabel')} value={p.reason} />
      <Field label={t('interimReply.newDueDateLabel')} value={formatDate(p.newDueDate, ctx.language)} />
      <Paragraph>{t('interimReply.messageLabel')}</Paragraph>
      <Quoted text={p.replyBody} />
      <TrackingBlock t={t} url={p.trackingToken ? trackingUrl(ctx.appUrl, p.trackingToken) : undefined} />
    </EmailLayout>
  ),
  sample: (t) => ({
    receiptNumber: '2026-000123',
    title: t('samples.interimReply.title'),
    replyBody: t('samples.interimReply.replyBody'),
    reason: t('samples.interimReply.reason'),
    newDueDate: '2026-12-18',
  }),
});
