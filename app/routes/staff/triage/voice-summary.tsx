import { Link } from '@remix-run/react';
import { contentLanguage } from '~/domain/text-language';
import { PlaceView } from '~/components/map/place-view';
import { DEFAULT_LANGUAGE, useT } from '~/i18n/i18n';
import { useLanguageName } from '~/components/language-switch';
import { FormMessage } from '../ui/form';
import { DueDate } from './ui';
import type { VoicePageData } from './voice-types';
import { japanDateFormat } from '~/japan-time';

// The head of the voice page: what it is, where it stands, and what needs doing first
// (an interim reply past the target date is said at the top, not buried in the replies).

export function VoiceSummary({ data }: { data: VoicePageData }) {
  const { t, language } = useT();
  const languageName = useLanguageName();
  const { voice, work } = data;
  const dateTime = japanDateFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <p className="eyebrow">{voice.receiptNumber} · {t(`domain:kind.${voice.kind}`)} · {t(`domain:channel.${voice.channel}`)}</p>
      <h1 id="voice-title" lang={contentLanguage(voice.title)}>{voice.title}</h1>
      {voice.language !== DEFAULT_LANGUAGE ? (
        <p className="notice notice--warning resident-language">{t('triage:facts.otherLanguageNotice', { language: languageName(voice.language) })}</p>
      ) : null}
      {work.interimRequired ? (
        <div className="notice notice--error triage-interim" role="alert">
          <p><strong>{t('triage:interim.requiredTitle')}</strong></p>
          <p>{t('triage:interim.requiredBody', { date: work.dueDate ?? '' })}</p>
          {work.may.draft ? <p><a href="#interim-form">{t('triage:interim.goToForm')}</a></p> : null}
        </div>
      ) : null}
      <dl className="facts">
        <dt>{t('staff:voice.status')}</dt><dd><span className={`status status--${voice.status}`}>{t(`domain:status.${voice.status}`)}</span></dd>
        <dt>{t('staff:voice.department')}</dt><dd>{voice.departmentName ?? t('staff:voice.unassigned')}</dd>
        <dt>{t('triage:facts.assignee')}</dt><dd>{work.assigneeName ?? t('triage:facts.noAssignee')}</dd>
        <dt>{t('staff:voice.category')}</dt><dd>{voice.categoryName ?? '—'}</dd>
        <dt>{t('triage:facts.priority')}</dt><dd>{t(`triage:priority.${work.priority}`)}</dd>
        <dt>{t('triage:facts.language')}</dt><dd className="resident-language-fact">{languageName(voice.language)}</dd>
        <dt>{t('staff:voice.received')}</dt><dd>{dateTime.format(new Date(voice.receivedAt))}</dd>
        <dt>{t('staff:voice.due')}</dt><dd><DueDate date={voice.dueDate} overdue={work.overdue} /></dd>
        <dt>{t('triage:facts.mayorReviewed')}</dt>
        <dd>{work.mayorReviewedAt ? dateTime.format(new Date(work.mayorReviewedAt)) : t('triage:facts.notReviewed')}</dd>
        {work.publishedAt ? <><dt>{t('triage:facts.published')}</dt><dd>{dateTime.format(new Date(work.publishedAt))}</dd></> : null}
        {work.mergedIntoReceiptNumber ? (
          <><dt>{t('triage:facts.mergedInto')}</dt><dd><Link to={`/staff/voices/${work.mergedIntoReceiptNumber}`}>{work.mergedIntoReceiptNumber}</Link></dd></>
        ) : null}
        {work.referredTo ? <><dt>{t('triage:facts.referredTo')}</dt><dd>{work.referredTo}</dd></> : null}
        {work.notActionableReason ? <><dt>{t('triage:facts.notActionableReason')}</dt><dd>{work.notActionableReason}</dd></> : null}
        {work.hiddenReason ? <><dt>{t('triage:facts.hiddenReason')}</dt><dd>{work.hiddenReason}</dd></> : null}
        {work.negativeRating ? <><dt>{t('triage:facts.rating')}</dt><dd><strong>{t('triage:facts.negativeRating')}</strong></dd></> : null}
        {voice.placeText ? <><dt>{t('staff:voice.place')}</dt><dd>{voice.placeText}</dd></> : null}
      </dl>
      {voice.latitude !== null && voice.longitude !== null ? <PlaceView settings={data.map} lat={voice.latitude} lng={voice.longitude} /> : null}
      <div className="voice__body" lang={contentLanguage(voice.body)}>{voice.body}</div>
      {work.may.improve ? (
        <p><Link className="button" to={`/staff/improvements/new?voice=${encodeURIComponent(voice.receiptNumber)}`}>{t('triage:improvementLink')}</Link></p>
      ) : null}
    </>
  );
}

/** "Done" after a redirect back (?done=route …). */
export function DoneMessage({ done }: { done: string | null }) {
  const { t } = useT();
  if (!done) return null;
  const key = `triage:done.${done}`;
  const text = t(key);
  return <FormMessage kind="success">{text === key ? t('staff:form.saved') : text}</FormMessage>;
}
