import { describe, expect, it } from 'vitest';
import { emailTemplate, emailTemplateNames } from '#emails/index';
import { renderEmail, renderPreview, UnsendableEmailError } from '~/email/render.server';

const context = { appUrl: 'https://meyasu.example.jp', cityName: 'さくら台市', stopUrl: 'https://meyasu.example.jp/mail/stop/42.signature' };
// A translation key that leaked into a mail looks like "receipt.heading" or "email:…".
const KEY_LIKE = /\b(?:common|receipt|reply|interimReply|statusChange|improvementCompleted|assignment|approvalRequested|approvalReturned|mayorInstruction|dailyDigest|invitation|passwordReset|securityNotice|signInUnlock|trackingLink)\.[a-zA-Z]+/;

describe.each(['ja', 'en'])('every template in %s', (language) => {
  it.each(emailTemplateNames)('%s renders a subject, HTML and text with every string translated', async (name) => {
    const mail = await renderPreview(name, language, context);
    expect(mail.missingKeys).toEqual([]);
    expect(mail.subject.trim()).not.toBe('');
    expect(mail.html).toContain(`lang="${language}"`);
    expect(mail.text.trim().length).toBeGreaterThan(40);
    for (const part of [mail.subject, mail.html, mail.text]) {
      expect(part).not.toContain('{{');
      expect(part).not.toMatch(/\bemail:[a-zA-Z]/);
      expect(part).not.toMatch(KEY_LIKE);
      expect(part).not.toContain('\0');
      expect(part).not.toMatch(/undefined|null|NaN|Invalid Date/);
    }
    const template = emailTemplate(name)!;
    if (template.audience === 'resident') {
      // Every resident mail carries the link that stops notices, in HTML and in text.
      expect(mail.html).toContain(context.stopUrl);
      expect(mail.text).toContain(context.stopUrl);
    } else {
      expect(mail.text).not.toContain('/mail/stop/');
    }
  });
});

describe('resident mail', () => {
  it('gives the receipt its tracking link, in both parts', async () => {
    for (const language of ['ja', 'en']) {
      const mail = await renderEmail('receipt', language, { receiptNumber: '2026-000007', title: '段差', trackingToken: 'tok_ABC-123' }, context);
      expect(mail.text).toContain('https://meyasu.example.jp/track/tok_ABC-123');
      expect(mail.html).toContain('https://meyasu.example.jp/track/tok_ABC-123');
      expect(mail.subject).toContain('2026-000007');
    }
  });

  it('keeps the base path of APP_URL in links', async () => {
    const mail = await renderEmail('receipt', 'ja', { receiptNumber: '2026-000007', title: '段差', trackingToken: 'tok' }, { ...context, appUrl: 'https://city.example.jp/meyasu' });
    expect(mail.text).toContain('https://city.example.jp/meyasu/track/tok');
  });

  it('says where to find the tracking link when the reply has no token', async () => {
    const mail = await renderEmail('reply', 'ja', { receiptNumber: '2026-000007', title: '段差', replyBody: '直しました。' }, context);
    expect(mail.text).toContain('受付のときにお送りしたメール');
    expect(mail.text).not.toContain('/track/');
  });

  it('says in words which of the three status changes happened', async () => {
    const base = { receiptNumber: '2026-000007', title: '段差' };
    const merged = await renderEmail('status_change', 'ja', { ...base, status: 'merged', mergedInto: '2026-000003' }, context);
    expect(merged.text).toContain('2026-000003');
    const referred = await renderEmail('status_change', 'en', { ...base, status: 'referred', referredTo: 'the prefecture' }, context);
    expect(referred.text).toContain('passed it on to the prefecture');
    const closed = await renderEmail('status_change', 'en', { ...base, status: 'closed' }, context);
    expect(closed.text).toContain('finished handling');
  });

  it('shows a typed reply as text, never as HTML', async () => {
    const mail = await renderEmail('reply', 'en', { receiptNumber: '2026-000007', title: 't', replyBody: '<script>alert(1)</script>\nline two' }, context);
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('line two');
  });
});

describe('a payload that does not fit', () => {
  it('is refused with a message naming the field', async () => {
    await expect(renderEmail('receipt', 'ja', { receiptNumber: '2026-000007', title: 'x' }, context)).rejects.toThrow(/trackingToken/);
    await expect(renderEmail('status_change', 'ja', { receiptNumber: '1', title: 'x', status: 'merged' }, context)).rejects.toThrow(/mergedInto/);
    await expect(renderEmail('no_such_mail', 'ja', {}, context)).rejects.toBeInstanceOf(UnsendableEmailError);
  });
});
