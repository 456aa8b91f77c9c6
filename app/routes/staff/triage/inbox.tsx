import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { listInbox, parseInboxFilters, type InboxFilters } from '~/domain/inbox.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { assigneeOptions, categoryOptions, departmentOptions, triageCalendar } from '~/models/staff-triage.server';
import { FormMessage } from '../ui/form';
import { bulkAction, mayBulk, type BulkActionData } from './bulk.server';
import { DueDate } from './ui';

// The inbox: filters as a plain GET form (bookmarkable, works without JavaScript), saved
// views as links, Japanese search, sorting, paging, and bulk actions posted to this route
// with each ticked item's result reported.
export const handle = { access: { signedIn: true, permission: 'voice:read' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

const STATUSES = ['received', 'triaged', 'in_progress', 'answered', 'closed', 'merged', 'referred', 'not_actionable', 'hidden'] as const;
const KINDS = ['complaint', 'request', 'idea', 'question', 'praise'] as const;
const CHANNELS = ['web', 'phone', 'fax', 'counter', 'letter', 'email', 'staff_box', 'api'] as const;
export const SAVED_VIEWS = ['all', 'my_department', 'assigned_to_me', 'awaiting_my_approval'] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:read');
  const language = requestLanguage(request);
  const filters = parseInboxFilters(new URL(request.url).searchParams);
  const calendar = await triageCalendar(context.db);
  const inbox = await listInbox(context.db, user, filters, calendar);
  const allDepartments = user.role === 'reform' || user.role === 'mayor' || user.role === 'auditor' || user.role === 'admin';
  return {
    title: serverT(language, 'triage')('inbox.title'),
    filters,
    inbox,
    today: calendar.today,
    options: {
      categories: await categoryOptions(context.db, language),
      departments: allDepartments ? await departmentOptions(context.db, language) : [],
      assignees: await assigneeOptions(context.db, user, null, language),
    },
    may: mayBulk(user),
    isManager: user.role === 'manager',
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:read');
  const form = await request.formData();
  return bulkAction(request, context.db, user, { user, audit: auditActor(request, context, user) }, form);
}

type Filters = InboxFilters;

/** The query string of the filters, with some values changed (for views, sorting and paging). */
function queryOf(filters: Filters, change: Partial<Record<keyof Filters, string | number | undefined>>): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...filters, ...change };
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'view' && value === 'all') continue;
    if (key === 'sort' && value === 'newest') continue;
    if (key === 'page' && value === 1) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

function FilterForm({ filters, options }: { filters: Filters; options: ReturnType<typeof useLoaderData<typeof loader>>['options'] }) {
  const { t } = useT();
  const select = (name: string, label: string, value: string | undefined, choices: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">{t('triage:inbox.any')}</option>
        {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
      </select>
    </div>
  );
  return (
    <Form method="get" className="panel inbox-filters" role="search" aria-label={t('triage:inbox.filtersTitle')}>
      <input type="hidden" name="view" value={filters.view} />
      <div className="field">
        <label htmlFor="filter-q">{t('triage:inbox.search')}</label>
        <input id="filter-q" type="search" name="q" defaultValue={filters.q ?? ''} maxLength={100} />
      </div>
      <div className="inbox-filters__grid">
        {select('status', t('staff:voice.status'), filters.status?.join(','), STATUSES.map((s) => ({ value: s, label: t(`domain:status.${s}`) })))}
        {select('kind', t('triage:form.kind'), filters.kind, KINDS.map((k) => ({ value: k, label: t(`domain:kind.${k}`) })))}
        {select('category', t('staff:voice.category'), filters.category?.toString(), options.categories)}
        {options.departments.length > 0 ? select('department', t('staff:voice.department'), filters.department?.toString(), options.departments) : null}
        {select('assignee', t('triage:facts.assignee'), filters.assignee?.toString(), options.assignees)}
        {select('channel', t('triage:inbox.channel'), filters.channel, CHANNELS.map((c) => ({ value: c, label: t(`domain:channel.${c}`) })))}
        <div className="field">
          <label htmlFor="filter-dueWithin">{t('triage:inbox.dueWithin')}</label>
          <input id="filter-dueWithin" type="number" name="dueWithin" min={0} max={60} inputMode="numeric" defaultValue={filters.dueWithin ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="filter-sort">{t('triage:inbox.sort')}</label>
          <select id="filter-sort" name="sort" defaultValue={filters.sort}>
            {(['newest', 'oldest', 'due', 'priority'] as const).map((s) => <option key={s} value={s}>{t(`triage:inbox.sortBy.${s}`)}</option>)}
          </select>
        </div>
      </div>
      <fieldset className="inbox-filters__flags">
        <legend>{t('triage:inbox.flags')}</legend>
        {(['overdue', 'unreviewed', 'negative'] as const).map((flag) => (
          <div className="field field--checkbox" key={flag}>
            <input id={`filter-${flag}`} type="checkbox" name={flag} value="1" defaultChecked={filters[flag] === '1'} />
            <label htmlFor={`filter-${flag}`}>{t(`triage:inbox.flag.${flag}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button button--primary">{t('triage:inbox.apply')}</button>
        <Link to={queryOf({ view: filters.view, sort: 'newest', page: 1 } as Filters, {}) || '?'} className="button">{t('triage:inbox.clear')}</Link>
      </div>
    </Form>
  );
}

function BulkResults({ result }: { result: BulkActionData | undefined }) {
  const { t } = useT();
  if (!result) return null;
  if (result.errors?._form) return <FormMessage kind="error">{t(result.errors._form)}</FormMessage>;
  if (result.errors) return <FormMessage kind="error">{t(Object.values(result.errors)[0]!)}</FormMessage>;
  const ok = result.results.filter((r) => r.ok).length;
  return (
    <div className={`notice ${ok === result.results.length ? 'notice--success' : 'notice--error'}`} role="status">
      <p>{t('triage:bulk.summary', { count: ok, total: result.results.length })}</p>
      <ul className="bulk-results">
        {result.results.map((r) => (
          <li key={r.receiptNumber}>{`${r.receiptNumber}: ${r.ok ? t('triage:bulk.ok') : t('triage:bulk.failed')} — ${t(r.message)}`}</li>
        ))}
      </ul>
    </div>
  );
}

export default function Inbox() {
  const { t, language } = useT();
  const { filters, inbox, options, may, isManager } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as BulkActionData | undefined;
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(inbox.total / inbox.pageSize));
  // Past the capped count the last page is unknown: "next" while pages are full.
  const hasNext = filters.page < pages || (!inbox.totalIsExact && inbox.items.length === inbox.pageSize);
  const anyBulk = may.route || may.assign || may.close || may.review;
  const views = SAVED_VIEWS.filter((v) => v !== 'awaiting_my_approval' || isManager);
  return (
    <>
      <h1>{t('triage:inbox.title')}</h1>
      <nav aria-label={t('triage:inbox.viewsLabel')} className="saved-views">
        <ul>
          {views.map((v) => (
            <li key={v}>
              <Link to={`/staff/inbox${queryOf({ view: v, sort: 'newest', page: 1 } as Filters, {})}`} aria-current={filters.view === v ? 'page' : undefined}>
                {t(`triage:views.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <FilterForm filters={filters} options={options} />
      <BulkResults result={result} />
      <p role="status">{t(inbox.totalIsExact ? 'triage:inbox.count' : 'triage:inbox.countAtLeast', { count: inbox.total })}</p>
      <Form method="post" action={`/staff/inbox${location.search}`} className="inbox-bulk">
        <div className="table-wrap">
          <table className="data-table inbox-table">
            <caption className="visually-hidden">{t('triage:inbox.title')}</caption>
            <thead>
              <tr>
                {anyBulk ? <th scope="col"><span className="visually-hidden">{t('triage:inbox.select')}</span></th> : null}
                <th scope="col">{t('triage:inbox.receiptNumber')}</th>
                <th scope="col">{t('triage:inbox.voiceTitle')}</th>
                <th scope="col">{t('triage:form.kind')}</th>
                <th scope="col">{t('staff:voice.status')}</th>
                <th scope="col">{t('staff:voice.department')}</th>
                <th scope="col">{t('triage:facts.assignee')}</th>
                <th scope="col">{t('staff:voice.due')}</th>
                <th scope="col">{t('triage:facts.mayorReviewed')}</th>
              </tr>
            </thead>
            <tbody>
              {inbox.items.map((v) => (
                <tr key={v.id}>
                  {anyBulk ? (
                    <td>
                      <input type="checkbox" name="ids" value={`${v.id}:${v.version}`} id={`select-${v.id}`}
                        aria-label={t('triage:inbox.selectOne', { receiptNumber: v.receiptNumber })} />
                    </td>
                  ) : null}
                  <td><Link to={`/staff/voices/${v.receiptNumber}`}>{v.receiptNumber}</Link></td>
                  <td>{v.title}{v.negativeRating ? <> <span className="badge">{t('triage:facts.negativeRating')}</span></> : null}</td>
                  <td>{t(`domain:kind.${v.kind}`)}</td>
                  <td><span className={`status status--${v.status}`}>{t(`domain:status.${v.status}`)}</span></td>
                  <td>{v.departmentJa ? (language === 'ja' ? v.departmentJa : v.departmentEn || v.departmentJa) : '—'}</td>
                  <td>{v.assigneeName ?? '—'}</td>
                  <td><DueDate date={v.dueDate} overdue={v.overdue} /></td>
                  <td>{v.mayorReviewedAt ? t('triage:inbox.reviewedYes') : t('triage:inbox.reviewedNo')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {inbox.items.length === 0 ? <p>{t('triage:inbox.empty')}</p> : null}
        {anyBulk && inbox.items.length > 0 ? (
          <fieldset className="panel bulk-actions">
            <legend>{t('triage:bulk.title')}</legend>
            <p className="field__hint">{t('triage:bulk.hint')}</p>
            <div className="triage-grid">
              {may.route ? (
                <div className="stack">
                  <div className="field">
                    <label htmlFor="bulk-department">{t('staff:voice.department')}</label>
                    <select id="bulk-department" name="departmentId" defaultValue="">
                      <option value="">{t('triage:form.choose')}</option>
                      {options.departments.map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}
                    </select>
                  </div>
                  <button type="submit" name="intent" value="route" className="button">{t('triage:bulk.route')}</button>
                </div>
              ) : null}
              {may.assign ? (
                <div className="stack">
                  <div className="field">
                    <label htmlFor="bulk-assignee">{t('triage:facts.assignee')}</label>
                    <select id="bulk-assignee" name="assigneeId" defaultValue="">
                      <option value="">{t('triage:form.choose')}</option>
                      {options.assignees.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
                    </select>
                  </div>
                  <button type="submit" name="intent" value="assign" className="button">{t('triage:bulk.assign')}</button>
                </div>
              ) : null}
              {may.close ? <div className="stack"><button type="submit" name="intent" value="close" className="button">{t('triage:bulk.close')}</button></div> : null}
              {may.review ? <div className="stack"><button type="submit" name="intent" value="review" className="button button--primary">{t('triage:bulk.review')}</button></div> : null}
            </div>
          </fieldset>
        ) : null}
      </Form>
      {pages > 1 || hasNext ? (
        <nav aria-label={t('triage:inbox.paging')} className="pager">
          {filters.page > 1 ? <Link to={`/staff/inbox${queryOf(filters, { page: filters.page - 1 })}`} rel="prev">{t('triage:inbox.previous')}</Link> : null}
          <span>{inbox.totalIsExact ? t('triage:inbox.pageOf', { page: filters.page, pages }) : t('triage:inbox.pageAt', { page: filters.page })}</span>
          {hasNext ? <Link to={`/staff/inbox${queryOf(filters, { page: filters.page + 1 })}`} rel="next">{t('triage:inbox.next')}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
