import { z } from 'zod';
import { absoluteUrl, appPath, formatDate, isoDate, text } from './format';
import { ActionButton, EmailLayout, Field, Paragraph, StaffFooter } from './layout';
import { defineTemplate } from './template';

/** A voice was routed to a 課 or assigned to a member of staff. */
export const assignment = defineTemplate({
  audience: 'staff',
  essential: true,
  schema: z.object({
    receiptNumber: text, title: text, departmentName: text, assignedByName: text.optional(), dueDate: isoDate.optional(), itemPath: appPath,
  }),
  secretFields: [],
  subject: (t, p) => t('assignment.subject', { receiptNumber: p.receiptNumber, title: p.title }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={p.title} heading={t('assignment.heading')} footer={<StaffFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('assignment.intro', { department: p.departmentName })}</Paragraph>
      <Field label={t('common.receiptNumberLabel')} value={p.receiptNumber} />
      <Field label={t('common.titleLabel')} value={p.title} />
      {p.dueDate ? <Field label={t('assignment.dueDateLabel')} value={formatDate(p.dueDate, ctx.language)} /> : null}
      {p.assignedByName ? <Field label={t('assignment.assignedByLabel')} value={p.assignedByName} /> : null}
      <ActionButton href={absoluteUrl(ctx.appUrl, p.itemPath)}>{t('common.openButton')}</ActionButton>
    </EmailLayout>
  ),
  sample: (t) => ({
    receiptNumber: '2026-000123',
    title: t('samples.assignment.title'),
    departmentName: t('samples.assignment.departmentName'),
    assignedByName: t('samples.assignment.assignedByName'),
    dueDate: '2026-12-02',
    itemPath: '/staff/voices/123',
  }),
});
