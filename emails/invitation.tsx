import { z } from 'zod';
import { Link, Text } from '@react-email/components';
import { formatDateTime, isoDateTime, resolveLink, urlOrPath, text } from './format';
import { ActionButton, EmailLayout, Paragraph, StaffFooter } from './layout';
import { defineTemplate } from './template';

/** An administrator invited a new member of staff; the link sets up the account. */
export const invitation = defineTemplate({
  audience: 'staff',
  essential: true,
  schema: z.object({ inviteUrl: urlOrPath, inviterName: text, expiresAt: isoDateTime }),
  secretFields: ['inviteUrl'],
  subject: (t, _p, ctx) => t('invitation.subject', { city: ctx.cityName }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t('invitation.heading')} heading={t('invitation.heading')} footer={<StaffFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('invitation.intro', { name: p.inviterName, city: ctx.cityName })}</Paragraph>
      <ActionButton href={resolveLink(ctx.appUrl, p.inviteUrl)}>{t('invitation.button')}</ActionButton>
      <Text style={{ fontSize: '13px' }}><Link href={resolveLink(ctx.appUrl, p.inviteUrl)}>{resolveLink(ctx.appUrl, p.inviteUrl)}</Link></Text>
      <Paragraph>{t('invitation.expires', { date: formatDateTime(p.expiresAt, ctx.language) })}</Paragraph>
      <Paragraph>{t('invitation.ignore')}</Paragraph>
    </EmailLayout>
  ),
  sample: (t) => ({
    inviteUrl: 'http://localhost:3000/staff/invitation/sample-invite-token',
    inviterName: t('samples.invitation.inviterName'),
    expiresAt: '2026-11-28T09:00:00+09:00',
  }),
});
