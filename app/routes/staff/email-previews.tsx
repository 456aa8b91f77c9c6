import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { emailTemplateNames, emailTemplates } from '#emails/index';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { renderTemplatePreview } from '~/email/outbox-admin.server';
import { useT } from '~/i18n/i18n';
import { useLanguageName } from '~/components/language-switch';
import { requestLanguage, serverT, supportedLanguages } from '~/i18n/resources.server';
import { MailView, templateLabel } from '../email/mail-view';
import { StaffFrame, StaffFrameError, staffFrameLinks, staffFrameMeta } from '../email/staff-frame';
import { loadStaffFrame } from '../email/staff-frame.server';

// /staff/email-previews: every mail Meyasu sends, with sample content, in every language.

export const handle = { access: { signedIn: true, permission: 'outbox:manage' }, chrome: 'staff' } satisfies { access: RouteAccess; chrome: string };

export const links = staffFrameLinks;

export const meta: MetaFunction<typeof loader> = (args) => staffFrameMeta('previewPage.title', args.data?.title, args);

export async function loader(args: LoaderFunctionArgs) {
  const { request, context } = args;
  await requireUserWithPermission(request, context, 'outbox:manage');
  const languages = supportedLanguages();
  const query = z.object({
    template: z.enum(emailTemplateNames as [string, ...string[]]).catch(emailTemplateNames[0]!),
    language: z.string().refine((l) => languages.includes(l)).catch(requestLanguage(request)),
  }).parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    chrome: await loadStaffFrame(args),
    title: serverT(requestLanguage(request), 'email')('previewPage.title'),
    languages,
    templates: emailTemplateNames.map((name) => ({ name, audience: emailTemplates[name].audience, essential: emailTemplates[name].essential })),
    selected: query,
    preview: await renderTemplatePreview(context.db, query.template, query.language, context.config.APP_URL),
  };
}

export default function EmailPreviews() {
  const { chrome, languages, templates, selected, preview } = useLoaderData<typeof loader>();
  const { t } = useT('email');
  const languageName = useLanguageName();
  return (
    <StaffFrame chrome={chrome}>
      <p><Link to="/staff/outbox">{t('messagePage.back')}</Link></p>
      <h1>{t('previewPage.title')}</h1>
      <p>{t('previewPage.lead')}</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t('previewPage.title')}</caption>
          <tbody>
            {templates.map((template) => (
              <tr key={template.name}>
                <th scope="row">{templateLabel(t, template.name)}</th>
                <td>{t(`previewPage.audience.${template.audience}`)}</td>
                <td>{template.essential ? t('previewPage.essential') : t('previewPage.notice')}</td>
                <td>
                  {languages.map((language) => {
                    const current = selected.template === template.name && selected.language === language;
                    return (
                      <span key={language}>
                        <Link
                          to={`/staff/email-previews?${new URLSearchParams({ template: template.name, language })}`}
                          aria-current={current ? 'page' : undefined}
                          style={current ? { fontWeight: 700 } : undefined}
                        >
                          {languageName(language)}
                          <span className="visually-hidden"> {templateLabel(t, template.name)}</span>
                        </Link>{' '}
                      </span>
                    );
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="preview-title">
        <h2 id="preview-title">{t('previewPage.showing', { template: templateLabel(t, selected.template), language: languageName(selected.language) })}</h2>
        {preview.ok ? <MailView mail={preview.mail} /> : <p className="notice notice--error">{t('messagePage.renderError', { reason: preview.reason })}</p>}
      </section>
    </StaffFrame>
  );
}

export const ErrorBoundary = StaffFrameError;
