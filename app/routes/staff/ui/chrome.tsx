import type { ReactNode } from 'react';
import { Form, Link, NavLink, isRouteErrorResponse } from '@remix-run/react';
import { rootTranslator, useT } from '~/i18n/i18n';
import { useRootData, type RootData } from '~/root';
import { LanguageSwitch } from '~/components/language-switch';

// The backoffice frame: header with the city and the signed-in person, navigation, main.

export interface ChromeUser {
  displayName: string;
  role: string;
  departmentName: string | null;
  canAdmin: boolean;
  canReadAudit: boolean;
  /** Which backoffice areas this person's role opens (drives the navigation only). */
  areas: {
    mayorQueue: boolean;
    enterVoice: boolean;
    improvements: boolean;
    staffBox: boolean;
    auditFindings: boolean;
    reports: boolean;
    outbox: boolean;
    residentRequests: boolean;
  };
}

export function StaffChrome({ user, children }: { user: ChromeUser | null; children: ReactNode }) {
  const { t } = useT();
  const root = useRootData();
  return (
    <div className="staff">
      <header className="staff-header">
        <a className="skip-link" href="#main">{t('skipToContent')}</a>
        <div className="staff-header__bar">
          <Link to={user ? '/staff' : '/staff/login'} className="staff-brand">
            <span className="staff-brand__city">{root?.city.name ?? ''}</span>
            <span className="staff-brand__app">{t('staff:brand')}</span>
          </Link>
          <LanguageSwitch reloadDocument />
        </div>
        {user ? (
          <div className="staff-header__user">
            <p className="staff-user">
              <span className="staff-user__name">{user.displayName}</span>
              <span className="staff-user__meta">
                {t(`domain:role.${user.role}`)}
                {user.departmentName ? ` · ${user.departmentName}` : ''}
              </span>
            </p>
            <nav aria-label={t('staff:nav.label')} className="staff-nav">
              <ul>
                <li><NavLink to="/staff" end>{t('staff:nav.dashboard')}</NavLink></li>
                <li><NavLink to="/staff/inbox">{t('staff:nav.inbox')}</NavLink></li>
                {user.areas.mayorQueue ? <li><NavLink to="/staff/mayor">{t('staff:nav.mayorQueue')}</NavLink></li> : null}
                {user.areas.enterVoice ? <li><NavLink to="/staff/voices/new">{t('staff:nav.enterVoice')}</NavLink></li> : null}
                {user.areas.improvements ? <li><NavLink to="/staff/improvements">{t('staff:nav.improvements')}</NavLink></li> : null}
                {user.areas.staffBox ? <li><NavLink to="/staff/staff-box">{t('staff:nav.staffBox')}</NavLink></li> : null}
                {user.areas.auditFindings ? <li><NavLink to="/staff/audit-findings">{t('staff:nav.auditFindings')}</NavLink></li> : null}
                {user.areas.reports ? <li><NavLink to="/staff/analytics">{t('staff:nav.analytics')}</NavLink></li> : null}
                {user.areas.outbox ? <li><NavLink to="/staff/outbox">{t('staff:nav.outbox')}</NavLink></li> : null}
                {user.areas.residentRequests ? <li><NavLink to="/staff/requests">{t('staff:nav.residentRequests')}</NavLink></li> : null}
                {user.canAdmin ? <li><NavLink to="/staff/admin" end>{t('staff:nav.admin')}</NavLink></li> : null}
                {user.canReadAudit ? <li><NavLink to="/staff/admin/audit">{t('staff:nav.audit')}</NavLink></li> : null}
                <li><NavLink to="/staff/profile">{t('staff:nav.profile')}</NavLink></li>
                <li>
                  <Form method="post" action="/staff/logout" className="staff-nav__logout">
                    <button type="submit">{t('staff:nav.signOut')}</button>
                  </Form>
                </li>
              </ul>
            </nav>
          </div>
        ) : null}
      </header>
      <main id="main" tabIndex={-1} className="staff-main">
        {children}
      </main>
      <footer className="staff-footer">
        <p>{t('footer.poweredBy')}</p>
      </footer>
    </div>
  );
}

/** The heading and text keys of a 403 / 404 / other error in the backoffice. */
function staffErrorKeys(status: number): [title: string, body: string] {
  return status === 403 ? ['staff:forbidden.title', 'staff:forbidden.body']
    : status === 404 ? ['staff:notFound.title', 'staff:notFound.body']
    : ['errors:genericTitle', 'errors:genericBody'];
}

/** The body of a 403 / 404 / other error inside the backoffice frame. */
export function StaffErrorContent({ status }: { status: number }) {
  const { t } = useT();
  const [title, body] = staffErrorKeys(status);
  return (
    <div className="staff-error">
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      <p><Link to="/staff">{t('staff:backToDashboard')}</Link></p>
    </div>
  );
}

/**
 * meta() for a route whose ErrorBoundary draws StaffErrorContent. When a page below it refuses
 * (403, 404), Remix calls meta() only down to the boundary's route, so without this the
 * refusal has no <title>; it gets the heading it shows, in the reader's language.
 */
export function staffErrorMeta({ error, matches }: { error?: unknown; matches: readonly { id: string; data: unknown }[] }) {
  if (error === undefined || error === null) return [];
  const root = matches.find((m) => m.id === 'root')?.data as RootData | undefined;
  const t = rootTranslator(root);
  return [{ title: t(staffErrorKeys(isRouteErrorResponse(error) ? error.status : 500)[0]) }];
}
