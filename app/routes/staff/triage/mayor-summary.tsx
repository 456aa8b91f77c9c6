import { Link } from '@remix-run/react';
import { useT } from '~/i18n/i18n';

// Always in sight for the mayor: how many voices wait to be read and how old the oldest is.

export interface MayorSummaryData {
  unreviewed: number;
  oldestAgeDays: number | null;
}

export function MayorSummary({ summary, link = false }: { summary: MayorSummaryData; link?: boolean }) {
  const { t } = useT();
  return (
    <div className="mayor-summary" role="status">
      <p className="mayor-summary__count">{t('triage:mayor.unreviewed', { count: summary.unreviewed })}</p>
      <p className="mayor-summary__age">
        {summary.oldestAgeDays === null ? t('triage:mayor.noneWaiting') : t('triage:mayor.oldestAge', { days: summary.oldestAgeDays })}
      </p>
      {link && summary.unreviewed > 0 ? <p><Link to="/staff/mayor" className="button button--primary">{t('triage:mayor.startReading')}</Link></p> : null}
    </div>
  );
}
