import { z } from 'zod';
import { formatDateTime, isoDateTime } from './format';
import { EmailLayout, Paragraph, StaffFooter } from './layout';
import { defineTemplate } from './template';

/** A change to one's own sign-in (second factor added, replaced or removed): tell the owner. */
export const securityNotice = defineTemplate({
  audience: 'staff',
  essential: true,
  schema: z.object({ event: z.enum(['totp_enabled', 'totp_reenrolment', 'totp_disabled']), at: isoDateTime }),
  secretFields: [],
  subject: (t, p) => t(`securityNotice.subject.${p.event}`),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t(`securityNotice.subject.${p.event}`)} heading={t(`securityNotice.subject.${p.event}`)} footer={<StaffFooter t={t} ctx={ctx} />}>
      <Paragraph>{t(`securityNotice.body.${p.event}`, { date: formatDateTime(p.at, ctx.language) })}</Paragraph>
      <Paragraph>{t('securityNotice.notYou')}</Paragraph>
    </EmailLayout>
  ),
  sample: () => ({ event: 'totp_disabled' as const, at: '2026-12-04T09:00:00+09:00' }),
});
