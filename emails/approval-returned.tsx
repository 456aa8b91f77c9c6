import { z } from 'zod';
import { absoluteUrl, appPath, text } from './format';
import { ActionButton, EmailLayout, Field, Paragraph, Quoted, StaffFooter } from './layout';
import { defineTemplate } from './template';

/** 差し戻し: the manager sent a draft reply back to its author. */
export const approvalReturned = defineTemplate({
  audience: 'staff',
  essential: true,
  schema: z.object({ receiptNumber: text, title: text, approverName: text, comment: text.optional(), itemPath: appPath }),
  secretFields: [],
  subject: (t, p) => t('approvalReturned.subject', { receiptNumber: p.receiptNumber, title: p.title }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={p.title} heading={t('approvalReturned.heading')} footer={<StaffFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('approvalReturned.intro', { name: p.approverName })}</Paragraph>
      <Field label={t('common.receiptNumberLabel')} value={p.receiptNumber} />
      <Field label={t('common.titleLabel')} value={p.title} />
      {p.comment ? (
        <>
          <Paragraph>{t('approvalReturned.commentLabel')}</Paragraph>
          <Quoted text={p.comment} />
        </>
      ) : null}
      <ActionButton href={absoluteUrl(ctx.appUrl, p.itemPath)}>{t('common.openButton')}</ActionButton>
    </EmailLayout>
  ),
  sample: (t) => ({
    receiptNumber: '2026-000123',
    title: t('samples.approvalReturned.title'),
    approverName: t('samples.approvalReturned.approverName'),
    comment: t('samples.approvalReturned.comment'),
    itemPath: '/staff/voices/123',
  }),
});
