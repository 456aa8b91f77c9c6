import { useEffect, useMemo, useRef } from 'react';
import { restoreTypedValues } from '~/document/typed-before-hydration';
import {
  Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLocation, useMatches,
  useRouteError, useRouteLoaderData,
} from '@remix-run/react';
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import type { ClientLoaderFunctionArgs, ShouldRevalidateFunction } from '@remix-run/react';
import {
  createTranslator, DEFAULT_LANGUAGE, I18nProvider, loadTranslations, pageNamespaces, pickTranslations, translatorFor, useT, type I18nValue,
} from '~/i18n/i18n';
import { languageNames, requestLanguage } from '~/i18n/resources.server';
import { LanguageSwitch } from '~/components/language-switch';
import { translationFilesForPage } from '~/i18n/translation-files.server';
import { getCityInfo } from '~/domain/city.server';
import { cachedRead } from '~/utils/read-cache.server';
import { useNonce } from '~/security/nonce';
import stylesHref from '~/styles/app.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesHref }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = requestLanguage(request);
  const city = await cachedRead(context.db, `city:${language}`, () => getCityInfo(context.db, language));
  // The page's translation files (namespace → URL), not the strings themselves.
  return { language, languages: languageNames(), translations: translationFilesForPage(language, new URL(request.url).pathname), city };
}

/** After a navigation that needs other strings (backoffice, statistics, another language): fetch them first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadTranslations(data.language, data.translations);
  return data;
}

export type RootData = Awaited<ReturnType<typeof loader>>;

/** A page that uses other namespaces than the current one gets their files from the root loader. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  String(pageNamespaces(currentUrl.pathname)) !== String(pageNamespaces(nextUrl.pathname)) || defaultShouldRevalidate;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>('root');
}

function Document({ language, translations, children }: { language: string; translations?: Record<string, string>; children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {/* public/: the favicon set and the web app manifest (served as static files). */}
        <link rel="icon" href="/favicon.ico" sizes="32x32" />
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
        <link rel="manifest" href="/manifest.webmanifest" />
        <meta name="theme-color" content="#0b3a63" />
        <Links />
        {/* The page's strings for the browser (entry.client.tsx reads these links; see app/i18n). */}
        {Object.entries(translations ?? {}).map(([ns, href]) => (
          <link key={ns} rel="preload" as="fetch" crossOrigin="anonymous" href={href} data-translations={ns} />
        ))}
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SiteHeader({ cityName }: { cityName: string }) {
  const { t } = useT();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
      <div className="site-header__inner">
        <Link to="/" className="site-title">
          <span className="site-title__city">{cityName}</span>
          <span className="site-title__app">{t('appTagline')}</span>
        </Link>
        <LanguageSwitch />
      </div>
      <nav aria-label={t('nav.label')} className="site-nav">
        <ul>
          {/* NavLink marks the current page with aria-current="page". */}
          <li><NavLink to="/" end>{t('nav.home')}</NavLink></li>
          <li><NavLink to="/send">{t('nav.send')}</NavLink></li>
          <li><NavLink to="/voices">{t('nav.published')}</NavLink></li>
          <li><NavLink to="/improvements">{t('nav.improvements')}</NavLink></li>
        </ul>
      </nav>
    </header>
  );
}

/**
 * After a client-side page change, move focus to the new page's main heading (or main), as a
 * full page load would start reading there. A page may focus something more specific itself
 * (the send confirmation focuses its status); the first render and same-page changes are left alone.
 */
function useFocusOnPageChange(enabled: boolean) {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname || !enabled) return;
    previous.current = pathname;
    const active = document.activeElement;
    if (active && active !== document.body && document.querySelector('main')?.contains(active) && active.hasAttribute('data-page-focus')) return;
    const target = document.querySelector<HTMLElement>('main [data-page-focus], main h1') ?? document.querySelector<HTMLElement>('main');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }, [pathname, enabled]);
}

function SiteFooter() {
  const { t } = useT();
  return (
    <footer className="site-footer">
      <ul>
        <li><Link to="/privacy">{t('footer.privacy')}</Link></li>
        <li><Link to="/accessibility">{t('footer.accessibility')}</Link></li>
        <li><Link to="/statistics">{t('footer.statistics')}</Link></li>
        <li><Link to="/staff">{t('nav.staff')}</Link></li>
      </ul>
      <p>{t('footer.poweredBy')}</p>
    </footer>
  );
}

function useI18n(data: RootData | undefined) {
  const language = data?.language ?? languageFromDocument();
  const translations = data?.translations;
  return useMemo((): I18nValue => {
    // Without the root's data (its loader failed) the error page still speaks: from what the
    // server holds, or what this visit fetched.
    const namespaces = pickTranslations(language, translations ? Object.keys(translations) : ['errors']);
    return { language, namespaces, t: createTranslator(language, namespaces) };
  }, [language, translations]);
}

function languageFromDocument(): string {
  return typeof document === 'undefined' ? DEFAULT_LANGUAGE : document.documentElement.lang || DEFAULT_LANGUAGE;
}

/** Backoffice routes (handle.chrome = 'staff') draw their own header, main and footer. */
function useStaffChrome(): boolean {
  return useMatches().some((m) => (m.handle as { chrome?: string } | undefined)?.chrome === 'staff');
}

export default function App() {
  const data = useRootData();
  const i18n = useI18n(data);
  const staffChrome = useStaffChrome();
  // The backoffice keeps its own focus handling.
  useFocusOnPageChange(!staffChrome);
  // After the first hydration (the root's effect runs after its children's). The mark tells
  // tests (and styles) that links and forms are now handled by the app, not the browser.
  useEffect(() => {
    restoreTypedValues();
    document.documentElement.dataset.enhanced = 'true';
  }, []);
  if (staffChrome) {
    return (
      <I18nProvider value={i18n}>
        <Document language={i18n.language} translations={data?.translations}>
          <Outlet />
        </Document>
      </I18nProvider>
    );
  }
  return (
    <I18nProvider value={i18n}>
      <Document language={i18n.language} translations={data?.translations}>
        <SiteHeader cityName={data?.city.name ?? ''} />
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
        <SiteFooter />
      </Document>
    </I18nProvider>
  );
}

/** The heading and text keys (errors namespace) of an error page, by status. */
function errorKeys(status: number): [title: string, body: string] {
  return status === 404 ? ['notFoundTitle', 'notFoundBody']
    : status === 503 ? ['unavailableTitle', 'unavailableBody']
    : status === 400 ? ['badRequestTitle', 'badRequestBody']
    : ['genericTitle', 'genericBody'];
}

const errorStatus = (error: unknown) => (isRouteErrorResponse(error) ? error.status : 500);

/**
 * Pages give their own titles. When one fails and this route's ErrorBoundary draws the page,
 * Remix calls meta() only down to here, so the error page's title is its heading.
 */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (error === undefined || error === null) return [];
  const language = data?.language ?? languageFromDocument();
  const t = translatorFor(language, data ? Object.keys(data.translations) : ['errors'], 'errors');
  return [{ title: t(errorKeys(errorStatus(error))[0]) }];
};

function ErrorContent() {
  const error = useRouteError();
  const { t } = useT('errors');
  const [title, body] = errorKeys(errorStatus(error));
  return (
    <main id="main" className="error-page">
      <h1>{t(title)}</h1>
      <p>{t(body)}</p>
      <p><Link to="/">{t('backHome')}</Link></p>
    </main>
  );
}

export function ErrorBoundary() {
  const data = useRootData();
  const i18n = useI18n(data);
  return (
    <I18nProvider value={i18n}>
      <Document language={i18n.language} translations={data?.translations}>
        <ErrorContent />
      </Document>
    </I18nProvider>
  );
}
