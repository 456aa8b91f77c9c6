import { z } from 'zod';
import { Link, Text } from '@react-email/components';
import { formatDateTime, isoDateTime, resolveLink, urlOrPath } from './format';
import { ActionButton, EmailLayout, Paragraph, StaffFooter } from './layout';
import { defineTemplate } from './template';

/** Someone keeps failing to sign in to this account: the owner gets a way back in at once. */
export const signInUnlock = defineTemplate({
  audience: 'staff',
  essential: true,
  schema: z.object({ unlockUrl: urlOrPath, expiresAt: isoDateTime }),
  secretFields: ['unlockUrl'],
  subject: (t) => t('signInUnlock.subject'),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t('signInUnlock.heading')} heading={t('signInUnlock.heading')} footer={<StaffFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('signInUnlock.intro')}</Paragraph>
      <ActionButton href={resolveLink(ctx.appUrl, p.unlockUrl)}>{t('signInUnlock.button')}</ActionButton>
      <Text style={{ fontSize: '13px' }}><Link href={resolveLink(ctx.appUrl, p.unlockUrl)}>{resolveLink(ctx.appUrl, p.unlockUrl)}</Link></Text>
      <Paragraph>{t('signInUnlock.expires', { date: formatDateTime(p.expiresAt, ctx.language) })}</Paragraph>
      <Paragraph>{t('signInUnlock.notYou')}</Paragraph>
    </EmailLayout>
  ),
  sample: () => ({
    unlockUrl: 'http://localhost:3000/staff/unlock/sample-unlock-token',
    expiresAt: '2026-12-04T10:00:00+09:00',
  }),
});
