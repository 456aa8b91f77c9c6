import { z } from 'zod';
import { absoluteUrl, appPath, text } from './format';
import { EmailLayout, Field, Paragraph, ResidentFooter, TextLink } from './layout';
import { defineTemplate } from './template';

/** "You said, we did": an improvement record the resident's voice led to was closed. */
export const improvementCompleted = defineTemplate({
  audience: 'resident',
  essential: false,
  schema: z.object({ title: text, summary: text, receiptNumbers: z.array(text).min(1), improvementsPath: appPath.default('/improvements') }),
  secretFields: [],
  subject: (t, _p, ctx) => t('improvementCompleted.subject', { city: ctx.cityName }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={p.title} heading={t('improvementCompleted.heading')} footer={<ResidentFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('improvementCompleted.intro', { count: p.receiptNumbers.length, receiptNumbers: p.receiptNumbers.join(t('common.listSeparator')) })}</Paragraph>
      <Field label={t('improvementCompleted.whatChanged')} value={p.title} />
      <Paragraph>{p.summary}</Paragraph>
      <Paragraph><TextLink href={absoluteUrl(ctx.appUrl, p.improvementsPath)}>{t('improvementCompleted.moreLink')}</TextLink></Paragraph>
    </EmailLayout>
  ),
  sample: (t) => ({
    title: t('samples.improvementCompleted.title'),
    summary: t('samples.improvementCompleted.summary'),
    receiptNumbers: ['2026-000101', '2026-000117'],
    improvementsPath: '/improvements',
  }),
});
