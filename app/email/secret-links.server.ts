import { emailTemplate } from '#emails/index';

// Secret links in mail (password reset, invitation, a resident's tracking link, the stop link)
// open something for whoever holds them. Only the addressee may ever see one: staff pages that
// show mail (the outbox, one message, template previews) render it with every such link
// replaced by a notice (docs/decisions/security-secret-links-in-mail.md).

/** Stands in for a secret while a mail is rendered for staff; never a valid token or path. */
const SECRET_SENTINEL = 'meyasu-secret-link-hidden';
const SENTINEL_PATH = `/${SECRET_SENTINEL}`;

/** The payload with each of the template's secret fields replaced by the sentinel. */
export function withSecretsHidden(template: string, payload: Record<string, unknown>): Record<string, unknown> {
  const fields = emailTemplate(template)?.secretFields ?? [];
  const hidden = { ...payload };
  for (const field of fields) {
    if (hidden[field] !== undefined && hidden[field] !== null) hidden[field] = SENTINEL_PATH;
  }
  return hidden;
}

/** A stop link that stops nothing, for the staff rendering of resident mail. */
export function hiddenStopUrl(appUrl: string): string {
  return new URL(`/mail/stop${SENTINEL_PATH}`, appUrl.endsWith('/') ? appUrl : `${appUrl}/`).toString();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const HREF = new RegExp(`href="[^"]*${SECRET_SENTINEL}[^"]*"`, 'g');
const URL_TEXT = new RegExp(`(?:https?://|/)[^\\s"<>]*${SECRET_SENTINEL}[^\\s"<>]*`, 'g');

export interface HiddenLinks {
  html: string;
  text: string;
  /** How many secret links were replaced (0: the mail carries none). */
  hidden: number;
}

/**
 * Replaces every link that carries the sentinel: an anchor keeps its text but points nowhere,
 * a written-out address becomes `notice`. Whatever the template, no secret survives.
 */
export function replaceHiddenLinks(mail: { html: string; text: string }, notice: string): HiddenLinks {
  let hidden = 0;
  const html = mail.html
    .replace(HREF, () => {
      hidden += 1;
      return 'href="#secret-link-hidden"';
    })
    .replace(URL_TEXT, () => escapeHtml(notice));
  const text = mail.text.replace(URL_TEXT, () => notice);
  // Belt and braces: a template that put the sentinel anywhere else must not leak its shape.
  return { html: html.split(SECRET_SENTINEL).join(''), text: text.split(SECRET_SENTINEL).join(''), hidden };
}
