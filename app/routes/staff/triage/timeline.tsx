import { useT } from '~/i18n/i18n';
import type { VoicePageData } from './voice-types';
import { japanDateFormat } from '~/japan-time';

// The full timeline: every event, those residents never see marked "internal" in words.

type TimelineEvent = VoicePageData['voice']['events'][number];

function useEventText() {
  const { t } = useT();
  const label = (type: string) => {
    for (const key of [`triage:events.${type}`, `staff:events.${type}`]) {
      const text = t(key);
      if (text !== key) return text;
    }
    return type;
  };
  const status = (s: string | undefined) => (s ? t(`domain:status.${s}`) : '');
  const detail = (e: TimelineEvent): string | null => {
    const d = e.details;
    switch (e.type) {
      case 'status': {
        const parts = [`${status(d.from)} → ${status(d.to)}`];
        if (d.into) parts.push(t('triage:timeline.into', { receiptNumber: d.into }));
        if (d.referredTo) parts.push(t('triage:timeline.referredTo', { to: d.referredTo }));
        if (d.reason) parts.push(t('triage:timeline.reason', { reason: d.reason }));
        return parts.join(' / ');
      }
      case 'routed': return d.department ?? null;
      case 'assigned': return d.assigneeName ?? null;
      case 'classified': return d.kind ? t(`domain:kind.${d.kind}`) : null;
      case 'priority': return d.to !== undefined ? `${t(`triage:priority.${d.from ?? 0}`)} → ${t(`triage:priority.${d.to}`)}` : null;
      case 'due_date': return d.to ? `${d.from ?? '—'} → ${d.to}` : null;
      case 'reply_returned': return d.comment ?? null;
      // An Open311 client's media_url: shown as text, not a link — an address Meyasu never fetched or checked.
      case 'received': return d.mediaUrl ? t('triage:timeline.mediaUrl', { url: d.mediaUrl }) : null;
      case 'reply_sent': return d.kind === 'interim' ? t('triage:timeline.interimSent', { date: d.newDueDate ?? '' }) : null;
      default: return null;
    }
  };
  return { label, detail };
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t, language } = useT();
  const { label, detail } = useEventText();
  const dateTime = japanDateFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('staff:voice.timelineTitle')}</h2>
      <ol className="timeline">
        {events.map((e) => {
          const extra = detail(e);
          return (
            <li key={e.id} className={e.visibility === 'internal' ? 'timeline__item timeline__item--internal' : 'timeline__item'}>
              <span className="timeline__when">{dateTime.format(new Date(e.at))}</span>
              <span className="timeline__what">
                {label(e.type)}
                {e.visibility === 'internal' ? <span className="badge">{t('staff:voice.internal')}</span> : null}
              </span>
              {e.actorName ? <span className="timeline__who">{e.actorName}</span> : null}
              {extra ? <p className="timeline__text">{extra}</p> : null}
              {e.text ? <p className="timeline__text">{e.text}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
