import { Link } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import type { VoicePageData } from './voice-types';

// Voices that look like this one (shared character bigrams): candidates for merging.

export function SimilarVoices({ data }: { data: VoicePageData }) {
  const { t } = useT();
  const { similar } = data.work;
  return (
    <section aria-labelledby="similar-title" className="panel">
      <h2 id="similar-title">{t('triage:panel.similar')}</h2>
      {similar.length === 0 ? <p>{t('triage:similar.none')}</p> : (
        <ul className="voice-list">
          {similar.map((s) => (
            <li key={s.id}>
              <Link to={`/staff/voices/${s.receiptNumber}`} className="voice-list__title">{s.title}</Link>
              <span className="voice-list__meta">
                <span>{s.receiptNumber}</span>
                <span className={`status status--${s.status}`}>{t(`domain:status.${s.status}`)}</span>
                <span>{t('triage:similar.score', { percent: Math.round(s.similarity * 100) })}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
