import { z } from 'zod';
import { Link, Text } from '@react-email/components';
import { formatDateTime, isoDateTime, resolveLink, urlOrPath } from './format';
import { ActionButton, EmailLayout, Paragraph, StaffFooter } from './layout';
import { defineTemplate } from './template';

/** A member of staff asked to reset their password. */
export const passwordReset = defineTemplate({
  audience: 'staff',
  essential: true,
  schema: z.object({ resetUrl: urlOrPath, expiresAt: isoDateTime }),
  secretFields: ['resetUrl'],
  subject: (t) => t('passwordReset.subject'),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t('passwordReset.heading')} heading={t('passwordReset.heading')} footer={<StaffFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('passwordReset.intro')}</Paragraph>
      <ActionButton href={resolveLink(ctx.appUrl, p.resetUrl)}>{t('passwordReset.button')}</ActionButton>
      <Text style={{ fontSize: '13px' }}><Link href={resolveLink(ctx.appUrl, p.resetUrl)}>{resolveLink(ctx.appUrl, p.resetUrl)}</Link></Text>
      <Paragraph>{t('passwordReset.expires', { date: formatDateTime(p.expiresAt, ctx.language) })}</Paragraph>
      <Paragraph>{t('passwordReset.ignore')}</Paragraph>
    </EmailLayout>
  ),
  sample: () => ({
    resetUrl: 'http://localhost:3000/staff/reset-password/sample-reset-token',
    expiresAt: '2026-11-21T15:00:00+09:00',
  }),
});
