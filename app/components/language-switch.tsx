import { Form, useLocation } from '@remix-run/react';
import { DEFAULT_LANGUAGE, useT } from '~/i18n/i18n';
import { useRootData } from '~/root';

/**
 * One button per other installed language, each named in its own language (English,
 * Português…), so a reader who cannot read the current page still finds theirs. A plain
 * form: works without JavaScript.
 */
export function LanguageSwitch({ reloadDocument }: { reloadDocument?: boolean }) {
  const { t, language } = useT();
  const location = useLocation();
  const others = (useRootData()?.languages ?? []).filter((l) => l.code !== language);
  if (others.length === 0) return null;
  return (
    <Form method="post" action="/language" className="language-switch" reloadDocument={reloadDocument}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {others.map(({ code, name }) => (
        <button key={code} type="submit" name="language" value={code}>
          <span className="visually-hidden">{t('language.change')}: </span>
          <span lang={code}>{name}</span>
        </button>
      ))}
    </Form>
  );
}

/** The installed languages as select options, each named in itself (staff language, templates). */
export function useLanguageOptions(): { value: string; label: string }[] {
  return (useRootData()?.languages ?? []).map(({ code, name }) => ({ value: code, label: name }));
}

/**
 * A language's name for the reader: in their language when their files name it (英語,
 * Japanese), else in itself (Português), so a language added later is never shown as a key.
 */
export function useLanguageName(): (code: string) => string {
  const { t } = useT();
  const installed = useRootData()?.languages;
  return (code) => {
    const key = `common:languageNames.${code}`;
    const named = t(key);
    return named !== key ? named : installed?.find((l) => l.code === code)?.name ?? code;
  };
}

/** The languages city data is translated into: every installed one but Japanese, its original. */
export function useTranslationLanguages(): { code: string; name: string }[] {
  return (useRootData()?.languages ?? []).filter((l) => l.code !== DEFAULT_LANGUAGE);
}
