import { useT } from '~/i18n/i18n';

export interface RenderedMailView {
  subject: string;
  html: string;
  text: string;
  links: string[];
  hiddenLinks: number;
}

/** A mail as its reader gets it: subject, the HTML in a sandboxed frame, the text part. */
export function MailView({ mail }: { mail: RenderedMailView }) {
  const { t } = useT('email');
  return (
    <div className="mail-view">
      {mail.hiddenLinks > 0 ? <p className="notice" role="note">{t('messagePage.secretLinksHidden')}</p> : null}
      <dl className="facts">
        <dt>{t('messagePage.subject')}</dt>
        <dd>{mail.subject}</dd>
      </dl>
      <h2>{t('messagePage.html')}</h2>
      {/* Scripts never run in the frame; links open in a new tab. */}
      <iframe
        title={t('messagePage.frameTitle')}
        srcDoc={mail.html}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        style={{ width: '100%', height: '32rem', border: '1px solid #c8d0d8', background: '#fff' }}
      />
      {mail.links.length > 0 ? (
        <>
          <h2>{t('messagePage.links')}</h2>
          <ul>
            {mail.links.map((href) => <li key={href}><a href={href} target="_blank" rel="noreferrer" style={{ wordBreak: 'break-all' }}>{href}</a></li>)}
          </ul>
        </>
      ) : null}
      <h2>{t('messagePage.text')}</h2>
      <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', background: '#fff', border: '1px solid #c8d0d8', padding: '.75rem' }}>{mail.text}</pre>
    </div>
  );
}

/** The template's name in the reader's language; an unknown template shows as stored. */
export function templateLabel(t: (key: string) => string, template: string): string {
  const key = `templateNames.${template}`;
  const label = t(key);
  return label === key ? template : label;
}
