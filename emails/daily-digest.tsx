import { z } from 'zod';
import { Section, Text } from '@react-email/components';
import { absoluteUrl, appPath, formatDate, isoDate, text } from './format';
import { EmailLayout, Paragraph, StaffFooter, TextLink } from './layout';
import { defineTemplate, type RenderContext } from './template';
import type { Translate } from '~/i18n/i18n';

const digestItem = z.object({
  kind: z.enum(['voice', 'action']),
  reference: text,
  title: text,
  dueDate: isoDate,
  overdue: z.boolean(),
  itemPath: appPath,
});
type DigestItem = z.infer<typeof digestItem>;

function ItemList({ items, t, ctx }: { items: DigestItem[]; t: Translate; ctx: RenderContext }) {
  return (
    <Section>
      {items.map((item) => (
        <Text key={`${item.kind}:${item.reference}`} style={{ fontSize: '15px', lineHeight: '1.6', margin: '0 0 10px' }}>
          {t(`dailyDigest.kind.${item.kind}`)} {item.reference}{' '}
          <TextLink href={absoluteUrl(ctx.appUrl, item.itemPath)}>{item.title}</TextLink>
          {' '}({t('dailyDigest.dueOn', { date: formatDate(item.dueDate, ctx.language) })})
        </Text>
      ))}
    </Section>
  );
}

/** Each morning (business days): what is due soon or overdue for this member of staff. */
export const dailyDigest = defineTemplate({
  audience: 'staff',
  essential: true,
  schema: z.object({ date: isoDate, items: z.array(digestItem).min(1) }),
  secretFields: [],
  subject: (t, p, ctx) => t('dailyDigest.subject', { date: formatDate(p.date, ctx.language), count: p.items.length }),
  Component: ({ payload: p, t, ctx }) => {
    const overdue = p.items.filter((i) => i.overdue);
    const dueSoon = p.items.filter((i) => !i.overdue);
    return (
      <EmailLayout ctx={ctx} preview={t('dailyDigest.heading')} heading={t('dailyDigest.heading')} footer={<StaffFooter t={t} ctx={ctx} />}>
        <Paragraph>{t('dailyDigest.intro', { date: formatDate(p.date, ctx.language) })}</Paragraph>
        {overdue.length > 0 ? (
          <>
            <Paragraph><strong>{t('dailyDigest.overdueTitle')}</strong></Paragraph>
            <ItemList items={overdue} t={t} ctx={ctx} />
          </>
        ) : null}
        {dueSoon.length > 0 ? (
          <>
            <Paragraph><strong>{t('dailyDigest.dueSoonTitle')}</strong></Paragraph>
            <ItemList items={dueSoon} t={t} ctx={ctx} />
          </>
        ) : null}
      </EmailLayout>
    );
  },
  sample: (t) => ({
    date: '2026-11-24',
    items: [
      { kind: 'voice' as const, reference: '2026-000098', title: t('samples.dailyDigest.title'), dueDate: '2026-11-20', overdue: true, itemPath: '/staff/voices/98' },
      { kind: 'voice' as const, reference: '2026-000123', title: t('samples.dailyDigest.title2'), dueDate: '2026-11-25', overdue: false, itemPath: '/staff/voices/123' },
      { kind: 'action' as const, reference: 'IR-2026-004', title: t('samples.dailyDigest.title3'), dueDate: '2026-11-26', overdue: false, itemPath: '/staff/improvements/4' },
    ],
  }),
});
