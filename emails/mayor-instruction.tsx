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
  sample: (language) => ({
    reference: '2026-000123',
    title: language === 'ja' ? '駅前の歩道の段差' : 'A step in the pavement by the station',
    instruction: language === 'ja' ? '同様の段差が市内にないか、全域で点検すること。' : 'Check the whole city for similar steps.',
    mayorName: language === 'ja' ? '桜井 誠一（市長）' : 'Mayor Seiichi Sakurai',
    itemPath: '/staff/voices/123',
  }),
});
