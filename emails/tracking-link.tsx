import { z } from 'zod';
import { text, trackingUrl } from './format';
import { EmailLayout, Paragraph, ResidentFooter, TrackingBlock } from './layout';
import { defineTemplate } from './template';

/**
 * 確認用リンクの送付: a resident asked, on the tracking page, to have its link mailed to them.
 * The payload is the secret link alone: no receipt number or title, and the outbox row is not
 * tied to the voice, so an address given for an anonymous voice does not name its sender to staff.
 */
export const trackingLink = defineTemplate({
  audience: 'resident',
  essential: true,
  schema: z.object({ trackingToken: text }),
  secretFields: ['trackingToken'],
  subject: (t, _p, ctx) => t('trackingLink.subject', { city: ctx.cityName }),
  Component: ({ payload: p, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t('trackingLink.heading')} heading={t('trackingLink.heading')} footer={<ResidentFooter t={t} ctx={ctx} />}>
      <Paragraph>{t('trackingLink.intro', { city: ctx.cityName })}</Paragraph>
      <TrackingBlock t={t} url={trackingUrl(ctx.appUrl, p.trackingToken)} />
      <Paragraph>{t('trackingLink.notYou')}</Paragraph>
    </EmailLayout>
  ),
  sample: () => ({ trackingToken: 'sample-tracking-token' }),
});
