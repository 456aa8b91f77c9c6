import { z } from 'zod';
import { absoluteUrl, appPath, text } from './format';
import { ActionButton, EmailLayout, Field, Paragraph, Quoted, StaffFooter } from './layout';
import { defineTemplate } from './template';

/** 市長指示: the mayor left an instruction on a voice or an improvement record. */
export const mayorInstruction = defineTemplate({
  audience: 'staff',
  essential: true,
  schema: z.object({ reference: text, title: text, instruction: text, mayorName: text, itemPath: appPath }),
  secretFields: [],
  subject: (t, p) => t('mayorInstruction.subject', { title: p.title }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={p.title} heading={t('mayorInstruction.heading')} footer={<StaffFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('mayorInstruction.intro', { name: p.mayorName })}</Paragraph>
      <Field label={t('common.referenceLabel')} value={p.reference} />
      <Field label={t('common.titleLabel')} value={p.title} />
      <Paragraph>{t('mayorInstruction.instructionLabel')}</Paragraph>
      <Quoted text={p.instruction} />
      <ActionButton href={absoluteUrl(ctx.appUrl, p.itemPath)}>{t('common.openButton')}</ActionButton>
    </EmailLayout>
  ),
  sample: (t) => ({
    reference: '2026-000123',
    title: t('samples.mayorInstruction.title'),
    instruction: t('samples.mayorInstruction.instruction'),
    mayorName: t('samples.mayorInstruction.mayorName'),
    itemPath: '/staff/voices/123',
  }),
});
