import type { ReactNode } from 'react';
import { Link } from '@remix-run/react';
import { useT } from '~/i18n/i18n';
import { FormMessage } from '../ui/form';

/**
 * The admin's list screens (部・課, categories, counters, accounts): back link, title, the saved
 * notice, the table, and the form that adds one more below it.
 */
export function AdminListPage({ title, lead, notice, notices, columns, rows, formTitle, formId = 'new-title', children }: {
  title: string;
  lead?: ReactNode;
  /** The saved notice. */
  notice?: string | null;
  /** Other messages shown above the table (a new API key, a refusal). */
  notices?: ReactNode;
  columns: ReactNode[];
  rows: ReactNode;
  formTitle: string;
  formId?: string;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <>
      <p><Link to="/staff/admin">{t('admin:back')}</Link></p>
      <h1>{title}</h1>
      {lead}
      {notice ? <FormMessage kind="success">{notice}</FormMessage> : null}
      {notices}
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map((label, i) => <th scope="col" key={i}>{label}</th>)}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      </div>
      <section className="panel" aria-labelledby={formId}>
        <h2 id={formId}>{formTitle}</h2>
        {children}
      </section>
    </>
  );
}
