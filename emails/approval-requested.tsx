import { z } from 'zod';
import { absoluteUrl, appPath, text } from './format';
import { ActionButton, EmailLayout, Field, Paragraph, StaffFooter } from './layout';
import { defineTemplate } from './template';

/** 決裁依頼: a draft reply waits for the department manager. */
export const approvalRequested = defineTemplate({
  audience: 'staff',
  essential: true,
  schema: z.object({
    receiptNumber: text, title: text, authorName: text, replyKind: z.enum(['final', 'interim']).default('final'), itemPath: appPath,
  }),
  secretFields: [],
  subject: (t, p) => t('approvalRequested.subject', { receiptNumber: p.receiptNumber, title: p.title }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={p.title} heading={t('approvalRequested.heading')} footer={<StaffFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('approvalRequested.intro', { name: p.authorName })}</Paragraph>
      <Field label={t('common.receiptNumberLabel')} value={p.receiptNumber} />
      <Field label={t('common.titleLabel')} value={p.title} />
      {p.replyKind === 'interim' ? <Paragraph>{t('approvalRequested.interimNote')}</Paragraph> : null}
      <ActionButton href={absoluteUrl(ctx.appUrl, p.itemPath)}>{t('common.openButton')}</ActionButton>
    </EmailLayout>
  ),
  sample: (t) => ({
    receiptNumber: '2026-000123',
    title: t('samples.approvalRequested.title'),
    authorName: t('samples.approvalRequested.authorName'),
    replyKind: 'final' as const,
    itemPath: '/staff/voices/123',
  }),
});
