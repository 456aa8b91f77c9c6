import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useEffect, useRef, useState } from 'react';
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigate, useSubmit } from '@remix-run/react';
import { auditActor } from '~/audit/audit.server';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { inboxCounts, listInbox, parseInboxFilters, type InboxFilters } from '~/domain/inbox.server';
import { useT } from '~/i18n/i18n';
import { localText } from '~/i18n/city-text';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { assigneeOptions, categoryOptions, departmentOptions, triageCalendar } from '~/models/staff-triage.server';
import { FormMessage } from '../ui/form';
import { bulkPolicy } from '~/domain/voice-policy';
import { bulkAction, type BulkActionData } from './bulk.server';
import { KeyboardShortcuts, rememberVoiceList, type Shortcut } from '../ui/shortcuts';

// The inbox: voices first. A compact bar (search, the filters in use as removable chips, the
// rest folded behind 絞り込み in a <details>: a plain GET form, bookmarkable, works without
// JavaScript), saved views as tabs with their counts, the overdue and unreviewed counts always
// in sight, sorting by the column headers, paging that keeps the filters, keyboard shortcuts,
// and bulk actions posted to this route with each ticked item's result reported.
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
  const views = SAVED_VIEWS.filter((v) => v !== 'awaiting_my_approval' || user.role === 'manager');
  const [inbox, counts] = await Promise.all([
    listInbox(context.db, user, filters, calendar),
    inboxCounts(context.db, user, filters.view, views, calendar),
  ]);
  const allDepartments = user.role === 'reform' || user.role === 'mayor' || user.role === 'auditor' || user.role === 'admin';
  return {
    title: serverT(language, 'triage')('inbox.title'),
    filters,
    inbox,
    counts,
    views,
    today: calendar.today,
    options: {
      categories: await categoryOptions(context.db, language),
      departments: allDepartments ? await departmentOptions(context.db, language) : [],
      assignees: await assigneeOptions(context.db, user, null, language),
    },
    may: bulkPolicy(user),
    isManager: user.role === 'manager',
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:read');
  const form = await request.formData();
  return bulkAction(request, context.db, user, { user, audit: auditActor(request, context, user) }, form);
}

type Filters = InboxFilters;
type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

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

const FILTER_KEYS = ['q', 'status', 'kind', 'category', 'department', 'assignee', 'channel', 'dueWithin', 'overdue', 'unreviewed', 'negative'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** The filters in use, each with the words its chip shows. */
function useActiveFilters(filters: Filters, options: LoaderData['options']): { key: FilterKey; label: string }[] {
  const { t } = useT();
  const named = (list: { value: string; label: string }[], value: number | undefined) => list.find((o) => o.value === String(value))?.label ?? String(value);
  const active: { key: FilterKey; label: string }[] = [];
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const label = key === 'q' ? `${t('triage:inbox.chip.q')}: ${filters.q}`
      : key === 'status' ? `${t('staff:voice.status')}: ${filters.status!.map((s) => t(`domain:status.${s}`)).join('、')}`
      : key === 'kind' ? `${t('triage:form.kind')}: ${t(`domain:kind.${filters.kind}`)}`
      : key === 'category' ? `${t('staff:voice.category')}: ${named(options.categories, filters.category)}`
      : key === 'department' ? `${t('staff:voice.department')}: ${named(options.departments, filters.department)}`
      : key === 'assignee' ? `${t('triage:facts.assignee')}: ${named(options.assignees, filters.assignee)}`
      : key === 'channel' ? `${t('triage:inbox.channel')}: ${t(`domain:channel.${filters.channel}`)}`
      : key === 'dueWithin' ? t('triage:inbox.chip.dueWithin', { count: filters.dueWithin })
      : t(`triage:inbox.flag.${key}`);
    active.push({ key, label });
  }
  return active;
}

function FilterChips({ filters, active }: { filters: Filters; active: { key: FilterKey; label: string }[] }) {
  const { t } = useT();
  if (active.length === 0) return null;
  return (
    <div className="filter-chips">
      <ul aria-label={t('triage:inbox.chip.label')}>
        {active.map((f) => (
          <li key={f.key}>
            <Link className="chip" to={`/staff/inbox${queryOf(filters, { [f.key]: undefined, page: 1 })}`}>
              <span>{f.label}</span>
              <span aria-hidden="true" className="chip__x">×</span>
              <span className="visually-hidden">{t('triage:inbox.chip.remove')}</span>
            </Link>
          </li>
        ))}
      </ul>
      {active.length > 1 ? <Link to={`/staff/inbox${queryOf({ view: filters.view, sort: filters.sort, page: 1 } as Filters, {})}`}>{t('triage:inbox.clear')}</Link> : null}
    </div>
  );
}

function FilterForm({ filters, options, activeCount, searchRef }: {
  filters: Filters; options: LoaderData['options']; activeCount: number; searchRef: React.Ref<HTMLInputElement>;
}) {
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
    <Form method="get" className="inbox-bar inbox-filters" role="search" aria-label={t('triage:inbox.filtersTitle')}>
      <input type="hidden" name="view" value={filters.view} />
      <div className="inbox-bar__search">
        <label htmlFor="filter-q">{t('triage:inbox.search')}</label>
        <input id="filter-q" type="search" name="q" defaultValue={filters.q ?? ''} maxLength={100} ref={searchRef} aria-keyshortcuts="/" />
        <button type="submit" className="button button--primary">{t('triage:inbox.apply')}</button>
      </div>
      <details className="inbox-more">
        <summary>{t('triage:inbox.more')}{activeCount > 0 ? ` (${activeCount})` : ''}</summary>
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
          <Link to={`/staff/inbox${queryOf({ view: filters.view, sort: 'newest', page: 1 } as Filters, {})}`} className="button">{t('triage:inbox.clear')}</Link>
        </div>
      </details>
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
    <FormMessage kind={ok === result.results.length ? 'success' : 'error'}>
      <p>{t('triage:bulk.summary', { count: ok, total: result.results.length })}</p>
      <ul className="bulk-results">
        {result.results.map((r) => (
          <li key={r.receiptNumber}>{`${r.receiptNumber}: ${r.ok ? t('triage:bulk.ok') : t('triage:bulk.failed')} — ${t(r.message)}`}</li>
        ))}
      </ul>
    </FormMessage>
  );
}

/** A name cut with … when long (the whole name in title=""; screen readers read it all). */
function Cut({ text }: { text: string }) {
  return <span className="cut" title={text}>{text}</span>;
}

/** Due date (month and day in this year) with the business days left, or how many it is past, in words (never by colour alone). */
function DueCell({ date: full, daysLeft, overdue, year }: { date: string | null; daysLeft: number | null; overdue: boolean; year: string }) {
  const { t } = useT();
  if (!full) return <>—</>;
  const date = full.startsWith(`${year}-`) ? <time dateTime={full}>{full.slice(5)}</time> : <time dateTime={full}>{full}</time>;
  if (daysLeft === null) return <span className="due">{date}</span>;
  if (overdue || daysLeft < 0) {
    return <span className="due due--overdue">{date} <strong>{t('triage:inbox.daysOver', { count: Math.max(1, -daysLeft) })}</strong></span>;
  }
  return <span className="due">{date} <span className="due__left">{daysLeft === 0 ? t('triage:inbox.dueToday') : t('triage:inbox.daysLeft', { count: daysLeft })}</span></span>;
}

/** A column header that sorts the list (a link: works without JavaScript, keeps the filters). */
function SortHeader({ filters, label, sorts }: { filters: Filters; label: string; sorts: { asc?: Filters['sort']; desc?: Filters['sort'] } }) {
  const { t } = useT();
  const direction = filters.sort === sorts.asc ? 'ascending' : filters.sort === sorts.desc ? 'descending' : undefined;
  const next = direction === 'descending' ? sorts.asc ?? sorts.desc! : direction === 'ascending' ? sorts.desc ?? sorts.asc! : sorts.desc ?? sorts.asc!;
  return (
    <th scope="col" aria-sort={direction}>
      <Link to={`/staff/inbox${queryOf(filters, { sort: next, page: 1 })}`} className="sort-link">
        {label}
        <span aria-hidden="true" className="sort-link__arrow">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ' ⇅'}</span>
        <span className="visually-hidden">{`（${t(`triage:inbox.sortBy.${next}`)}）`}</span>
      </Link>
    </th>
  );
}

export default function Inbox() {
  const { t, language } = useT();
  const { filters, inbox, counts, views, options, may, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as BulkActionData | undefined;
  const location = useLocation();
  const navigate = useNavigate();
  const submit = useSubmit();
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const [current, setCurrent] = useState(-1);
  const pages = Math.max(1, Math.ceil(inbox.total / inbox.pageSize));
  // Past the capped count the last page is unknown: "next" while pages are full.
  const hasNext = filters.page < pages || (!inbox.totalIsExact && inbox.items.length === inbox.pageSize);
  const anyBulk = may.route || may.assign || may.close || may.review;
  const active = useActiveFilters(filters, options);
  const here = `/staff/inbox${location.search}`;
  const receipts = inbox.items.map((v) => v.receiptNumber).join(',');
  const countText = (c: { count: number; exact: boolean }) => (c.exact ? String(c.count) : t('triage:inbox.moreThan', { count: c.count }));

  // The voice page's "next / previous" walk this list.
  useEffect(() => {
    rememberVoiceList(here, receipts ? receipts.split(',') : []);
  }, [here, receipts]);
  useEffect(() => {
    setCurrent((c) => Math.min(c, inbox.items.length - 1));
  }, [inbox.items.length]);

  const rowLink = (index: number) => tableRef.current?.querySelectorAll<HTMLAnchorElement>('tr > td a.inbox-table__open')[index] ?? null;
  const move = (offset: number) => () => {
    if (inbox.items.length === 0) return;
    const next = current < 0 ? 0 : Math.max(0, Math.min(inbox.items.length - 1, current + offset));
    setCurrent(next);
    rowLink(next)?.focus();
  };
  const currentItem = current >= 0 ? inbox.items[current] : undefined;
  const shortcuts: Shortcut[] = [
    { key: 'j', label: t('staff:shortcuts.nextRow'), run: move(1) },
    { key: 'k', label: t('staff:shortcuts.previousRow'), run: move(-1) },
    { key: 'o', label: t('staff:shortcuts.open'), run: () => currentItem && navigate(`/staff/voices/${currentItem.receiptNumber}`) },
    { key: '/', label: t('staff:shortcuts.search'), run: () => searchRef.current?.focus() },
    ...(anyBulk ? [{
      key: 'x', label: t('staff:shortcuts.select'), run: () => {
        const box = currentItem ? document.getElementById(`select-${currentItem.id}`) as HTMLInputElement | null : null;
        box?.click();
      },
    }] : []),
    ...(may.review ? [{
      key: 'r', label: t('staff:shortcuts.markReviewed'), run: () => {
        if (!currentItem || currentItem.mayorReviewedAt) return;
        submit({ intent: 'review', ids: `${currentItem.id}:${currentItem.version}` }, { method: 'post', action: here });
      },
    }] : []),
  ];

  return (
    <div className="inbox">
      <div className="inbox-head">
        <h1>{t('triage:inbox.title')}</h1>
        <ul className="inbox-figures" aria-label={t('triage:inbox.figures')}>
          <li>
            <Link to={`/staff/inbox${queryOf(filters, { overdue: filters.overdue ? undefined : '1', page: 1 })}`}
              className={counts.overdue.count > 0 ? 'figure figure--alert' : 'figure'} aria-current={filters.overdue ? 'true' : undefined}>
              {t('triage:inbox.overdueCount', { count: counts.overdue.count, n: countText(counts.overdue) })}
            </Link>
          </li>
          <li>
            <Link to={`/staff/inbox${queryOf(filters, { unreviewed: filters.unreviewed ? undefined : '1', page: 1 })}`}
              className="figure" aria-current={filters.unreviewed ? 'true' : undefined}>
              {t('triage:inbox.unreviewedCount', { count: counts.unreviewed.count, n: countText(counts.unreviewed) })}
            </Link>
          </li>
        </ul>
        <KeyboardShortcuts shortcuts={shortcuts} />
      </div>
      <nav aria-label={t('triage:inbox.viewsLabel')} className="view-tabs">
        <ul>
          {views.map((v) => {
            const c = counts.views[v];
            return (
              <li key={v}>
                <Link to={`/staff/inbox${queryOf({ view: v, sort: 'newest', page: 1 } as Filters, {})}`} aria-current={filters.view === v ? 'page' : undefined}>
                  {t(`triage:views.${v}`)}
                  {c ? <span className="view-tabs__count">{countText(c)}</span> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <FilterForm filters={filters} options={options} activeCount={active.length} searchRef={searchRef} />
      <FilterChips filters={filters} active={active} />
      <BulkResults key={`${location.key}:${result?.results.map((r) => r.receiptNumber).join(',') ?? ''}`} result={result} />
      {/* One line for the count and the map view: every line here pushes a voice below the fold. */}
      <div className="inbox-countbar">
        <p role="status" className="inbox-count">{t(inbox.totalIsExact ? 'triage:inbox.count' : 'triage:inbox.countAtLeast', { count: inbox.total })}</p>
        <p className="inbox-map-link"><Link to={`/staff/inbox/map${location.search}`}>{t('place:inboxMap.asMap')}</Link></p>
      </div>
      <Form method="post" action={here} className="inbox-bulk">
        <div className="table-wrap">
          <table className="data-table inbox-table">
            <caption className="visually-hidden">{t('triage:inbox.title')}</caption>
            <thead>
              <tr>
                {anyBulk ? <th scope="col"><span className="visually-hidden">{t('triage:inbox.select')}</span></th> : null}
                <SortHeader filters={filters} label={t('triage:inbox.receiptShort')} sorts={{ desc: 'newest', asc: 'oldest' }} />
                <th scope="col">{t('triage:inbox.voiceTitle')}</th>
                <th scope="col">{t('triage:form.kind')}</th>
                <th scope="col">{t('staff:voice.status')}</th>
                <th scope="col">{t('staff:voice.department')}</th>
                <th scope="col">{t('triage:facts.assignee')}</th>
                <SortHeader filters={filters} label={t('staff:voice.due')} sorts={{ asc: 'due' }} />
                <th scope="col">{t('triage:inbox.reviewedColumn')}</th>
                <th scope="col">{t('triage:inbox.ratingColumn')}</th>
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {inbox.items.map((v, index) => (
                <tr key={v.id} className={[index === current ? 'is-current' : '', v.overdue ? 'row--overdue' : ''].join(' ').trim() || undefined}
                  onFocus={() => setCurrent(index)}>
                  {anyBulk ? (
                    <td>
                      <input type="checkbox" name="ids" value={`${v.id}:${v.version}`} id={`select-${v.id}`}
                        aria-label={t('triage:inbox.selectOne', { receiptNumber: v.receiptNumber })} />
                    </td>
                  ) : null}
                  <td className="nowrap"><Link className="inbox-table__open" to={`/staff/voices/${v.receiptNumber}`}>{v.receiptNumber}</Link></td>
                  <td className="inbox-table__title" title={v.title}>{v.title}</td>
                  <td className="nowrap">{t(`domain:kind.${v.kind}`)}</td>
                  <td className="nowrap"><span className={`status status--${v.status}`}>{t(`domain:status.${v.status}`)}</span></td>
                  <td className="nowrap"><Cut text={v.departmentJa ? localText(language, v.departmentJa, v.departmentTranslations) : '—'} /></td>
                  <td className="nowrap"><Cut text={v.assigneeName ?? '—'} /></td>
                  <td className="nowrap"><DueCell date={v.dueDate} daysLeft={v.daysLeft} overdue={v.overdue} year={today.slice(0, 4)} /></td>
                  <td className="nowrap">{v.mayorReviewedAt ? t('triage:inbox.reviewedCellYes') : <strong>{t('triage:inbox.reviewedCellNo')}</strong>}</td>
                  <td className="nowrap">{v.negativeRating ? <strong className="flag">{t('triage:inbox.ratingNegative')}</strong> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {inbox.items.length === 0 ? <p>{t('triage:inbox.empty')}</p> : null}
        {pages > 1 || hasNext ? (
          <nav aria-label={t('triage:inbox.paging')} className="pager">
            {filters.page > 1 ? <Link to={`/staff/inbox${queryOf(filters, { page: filters.page - 1 })}`} rel="prev">{t('triage:inbox.previous')}</Link> : null}
            <span>{inbox.totalIsExact ? t('triage:inbox.pageOf', { page: filters.page, pages }) : t('triage:inbox.pageAt', { page: filters.page })}</span>
            {hasNext ? <Link to={`/staff/inbox${queryOf(filters, { page: filters.page + 1 })}`} rel="next">{t('triage:inbox.next')}</Link> : null}
          </nav>
        ) : null}
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
    </div>
  );
}
