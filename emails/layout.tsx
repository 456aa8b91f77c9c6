import type { ReactNode } from 'react';
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { Translate } from '~/i18n/i18n';
import type { RenderContext } from './template';

// Plain, high-contrast mail that reads well in any client and as text.
const styles = {
  body: { backgroundColor: '#f4f4f1', fontFamily: "'Hiragino Sans', 'Noto Sans JP', Meiryo, sans-serif", color: '#1a1a1a' },
  container: { backgroundColor: '#ffffff', margin: '24px auto', padding: '24px 28px', maxWidth: '600px', borderRadius: '6px' },
  city: { fontSize: '14px', color: '#44505c', margin: '0 0 4px' },
  heading: { fontSize: '22px', lineHeight: '1.4', margin: '0 0 16px' },
  text: { fontSize: '16px', lineHeight: '1.7', margin: '0 0 14px' },
  label: { fontSize: '14px', color: '#44505c', margin: '0' },
  quote: { borderLeft: '4px solid #c8d0d8', padding: '4px 0 4px 14px', margin: '0 0 16px' },
  button: { backgroundColor: '#0b5cad', color: '#ffffff', padding: '12px 20px', borderRadius: '4px', fontSize: '16px', textDecoration: 'none' },
  footer: { fontSize: '13px', lineHeight: '1.6', color: '#44505c', margin: '0 0 8px' },
} as const;

export function EmailLayout(props: { ctx: RenderContext; preview: string; heading: string; footer: ReactNode; children: ReactNode }) {
  return (
    <Html lang={props.ctx.language}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.city}>{props.ctx.cityName}</Text>
          <Heading as="h1" style={styles.heading}>{props.heading}</Heading>
          {props.children}
          <Hr />
          {props.footer}
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** Text someone typed (a reply, an instruction): paragraphs and line breaks kept, never HTML. */
export function Quoted({ text }: { text: string }) {
  return (
    <Section style={styles.quote}>
      {text.split(/\n{2,}/).map((paragraph, i) => (
        <Text key={i} style={styles.text}>
          {paragraph.split('\n').flatMap((line, j) => (j === 0 ? [line] : [<br key={j} />, line]))}
        </Text>
      ))}
    </Section>
  );
}

export function Field({ label, value }: { label: string; value: string }) {
  return (
    <Section>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.text}>{value}</Text>
    </Section>
  );
}

export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '8px 0 20px' }}>
      <Button href={href} style={styles.button}>{children}</Button>
    </Section>
  );
}

export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return <Link href={href}>{children}</Link>;
}

/** Resident mail ends with who sent it and, for a voice, the link that stops notices. */
export function ResidentFooter({ t, ctx }: { t: Translate; ctx: RenderContext }) {
  return (
    <>
      <Text style={styles.footer}>{t('common.residentFooter', { city: ctx.cityName })}</Text>
      {ctx.stopUrl ? (
        <Text style={styles.footer}>
          {t('common.stopLead')} <Link href={ctx.stopUrl}>{t('common.stopLink')}</Link>
        </Text>
      ) : null}
    </>
  );
}

export function StaffFooter({ t, ctx }: { t: Translate; ctx: RenderContext }) {
  return <Text style={styles.footer}>{t('common.staffFooter', { city: ctx.cityName })}</Text>;
}

/** The resident's secret link when the mail carries it; otherwise where to find it. */
export function TrackingBlock({ t, url }: { t: Translate; url: string | undefined }) {
  if (!url) return <Paragraph>{t('common.trackFallback')}</Paragraph>;
  return (
    <>
      <Paragraph>{t('common.trackLead')}</Paragraph>
      <ActionButton href={url}>{t('common.trackButton')}</ActionButton>
      <Text style={styles.footer}><Link href={url}>{url}</Link></Text>
    </>
  );
}
