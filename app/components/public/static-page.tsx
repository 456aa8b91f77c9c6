import { useT } from '~/i18n/i18n';
import { useRootData } from '~/root';

/** A page of headed sections from one translation block (privacy, accessibility). */
export function StaticPage({ ns, sections, values, after }: {
  ns: string;
  sections: { title: string; body?: string; items?: string[] }[];
  /** Figures the texts interpolate (the privacy page's retention periods). */
  values?: Record<string, string | number>;
  after?: React.ReactNode;
}) {
  const { t } = useT();
  const city = useRootData()?.city.name ?? '';
  return (
    <article className="static-page">
      <h1>{t(`citizen:${ns}.title`)}</h1>
      <p>{t(`citizen:${ns}.lead`, { city })}</p>
      {sections.map((section) => (
        <section key={section.title} aria-labelledby={`${ns}-${section.title}`}>
          <h2 id={`${ns}-${section.title}`}>{t(`citizen:${ns}.${section.title}`)}</h2>
          {section.body ? <p>{t(`citizen:${ns}.${section.body}`, values)}</p> : null}
          {section.items ? <ul>{section.items.map((item) => <li key={item}>{t(`citizen:${ns}.${item}`)}</li>)}</ul> : null}
        </section>
      ))}
      {after}
    </article>
  );
}
