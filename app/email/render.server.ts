import { createElement } from 'react';
import { plainTextSelectors, render, toPlainText } from '@react-email/render';
import { emailTemplate, type RenderContext } from '#emails/index';
import type { Translate } from '~/i18n/i18n';
import { serverT } from '~/i18n/resources.server';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** Translation keys the template asked for that the language lacks (should be none). */
  missingKeys: string[];
}

/** A message that can never be sent as stored (unknown template, payload that does not fit). */
export class UnsendableEmailError extends Error {
  override name = 'UnsendableEmailError';
}

function recordingTranslator(language: string, missing: Set<string>): Translate {
  const t = serverT(language, 'email');
  return (key, values) => {
    const text = t(key, values);
    if (text === key) missing.add(key);
    return text;
  };
}

/** Subject, HTML and plain text of one message, in the recipient's language. */
export async function renderEmail(
  template: string,
  language: string,
  payload: unknown,
  context: Omit<RenderContext, 'language'>,
): Promise<RenderedEmail> {
  const entry = emailTemplate(template);
  if (!entry) throw new UnsendableEmailError(`unknown email template "${template}"`);
  const parsed = entry.schema.safeParse(payload);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    throw new UnsendableEmailError(`payload does not fit template "${template}": ${problems}`);
  }
  const ctx: RenderContext = { ...context, language };
  const missing = new Set<string>();
  const t = recordingTranslator(language, missing);
  const subject = entry.subject(t, parsed.data, ctx);
  // React 18's streaming renderer can leave NUL bytes at 2 KB boundaries next to multi-byte
  // characters (resend/react-email#3406); some mail clients cut the message at the first one.
  const html = (await render(createElement(entry.Component, { payload: parsed.data, t, ctx }))).replace(/\0/g, '');
  const text = toPlainText(html, { selectors: [...plainTextSelectors, { selector: 'h1', options: { uppercase: false } }] });
  return { subject, html, text, missingKeys: [...missing] };
}

/** A template with its sample payload, for the preview page and the template test. */
export function renderPreview(template: string, language: string, context: Omit<RenderContext, 'language'>): Promise<RenderedEmail> {
  const entry = emailTemplate(template);
  if (!entry) throw new UnsendableEmailError(`unknown email template "${template}"`);
  const stopUrl = entry.audience === 'resident' ? (context.stopUrl ?? new URL('/mail/stop/preview', context.appUrl).toString()) : undefined;
  return renderEmail(template, language, entry.sample(serverT(language, 'email')), { ...context, stopUrl });
}
