import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission, userHasPermission } from '~/auth/session.server';
import { listImprovementRecords } from '~/domain/improvements/records.server';
import { useT } from '~/i18n/i18n';
import { localText } from '~/i18n/city-text';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { ownerChoices } from '~/routes/staff/improvements/screens.server';
import { boardLink, boardQuery } from './board-query';
import { FINDING_CLASSES, LEVELS, SOURCES, STAGES } from './schemas';
import { formatDate } from './ui';

// The board (a column per stage, with its count) and the list, filtered by GET parameters.

export const handle = { access: { signedIn: true, permission: 'improvement:read' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'improvement:read');
  const language = requestLanguage(request);
  const url = new URL(request.url);
  const { query, filters } = boardQuery(url.searchParams);
  const [result, choices] = await Promise.all([listImprovementRecords(context.db, user, filters), ownerChoices(context.db, language)]);
  return {
    title: serverT(language, 'improvement')('ui.board.title'),
    query,
    view: query.view,
    canManage: userHasPermission(user, 'improvement:manage'),
    departments: choices.departments,
    total: result.total,
    pages: Math.max(1, Math.ceil(result.total / result.pageSize)),
    stageCounts: result.stageCounts,
    items: result.items.map((r) => ({
      number: r.number, title: r.title, stage: r.stage, type: r.type, level: r.level, findingClass: r.findingClass, source: r.source,
      department: localText(language, r.ownerDepartmentJa, r.ownerDepartmentTranslations), owner: r.ownerUserName, dueDate: r.dueDate,
      overdue: r.overdue, openActions: r.openActions, linkedVoices: r.linkedVoices, archived: r.archivedAt !== null,
    })),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ImprovementBoard() {
  const { t } = useT();
  const d = useLoaderData<typeof loader>();
  const { query } = d;
  return (
    <>
      <h1>{t('improvement:ui.board.title')}</h1>
      <p>{t('improvement:ui.board.lead')}</p>
      {d.canManage ? <p><Link className="button button--primary" to="/staff/improvements/new">{t('improvement:ui.board.new')}</Link></p> : null}
      <nav aria-label={t('improvement:ui.board.stagesLabel')}>
        <ul className="ir-stage-tabs">
          <li><Link to={boardLink(query, { stage: '', page: 1 })} aria-current={query.stage === '' ? 'page' : undefined}>{t('improvement:ui.board.allStages')}</Link></li>
          {STAGES.map((s) => (
            <li key={s}>
              <Link to={boardLink(query, { stage: s, page: 1 })} aria-current={query.stage === s ? 'page' : undefined}>
                {t(`improvement:stage.${s}`)} <span className="badge">{t('improvement:ui.count', { count: d.stageCounts[s] })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Filters data={d} />
      <p role="status" className="muted">{t('improvement:ui.board.total', { count: d.total })}</p>
      <p>
        {d.view === 'board'
          ? <Link to={boardLink(query, { view: 'list' })}>{t('improvement:ui.board.showList')}</Link>
          : <Link to={boardLink(query, { view: 'board' })}>{t('improvement:ui.board.showBoard')}</Link>}
      </p>
      {d.items.length === 0 ? <p>{t('improvement:ui.board.none')}</p> : d.view === 'board' ? <Columns data={d} /> : <Table data={d} />}
      {d.pages > 1 ? (
        <nav className="pager" aria-label={t('improvement:ui.pagination')}>
          {query.page > 1 ? <Link to={boardLink(query, { page: query.page - 1 })} rel="prev">{t('improvement:ui.previous')}</Link> : null}
          <span>{t('improvement:ui.pageOf', { page: query.page, pages: d.pages })}</span>
          {query.page < d.pages ? <Link to={boardLink(query, { page: query.page + 1 })} rel="next">{t('improvement:ui.next')}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

function Select({ id, name, label, value, options }: { id: string; name: string; label: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

function Filters({ data: d }: { data: Data }) {
  const { t } = useT();
  const all = { value: '', label: t('improvement:ui.all') };
  const labelled = (group: string, values: readonly string[]) => [all, ...values.map((v) => ({ value: v, label: t(`improvement:${group}.${v}`) }))];
  return (
    <section className="panel" aria-labelledby="ir-filters-title">
      <h2 id="ir-filters-title">{t('improvement:ui.board.filtersTitle')}</h2>
      <Form method="get" action="/staff/improvements" className="filters">
        <Select id="ir-f-stage" name="stage" label={t('improvement:ui.field.stage')} value={d.query.stage} options={labelled('stage', STAGES)} />
        <Select id="ir-f-department" name="department" label={t('improvement:ui.field.ownerDepartment')} value={d.query.department}
          options={[all, ...d.departments.map((o) => ({ value: String(o.id), label: o.name }))]} />
        <Select id="ir-f-level" name="level" label={t('improvement:ui.field.level')} value={d.query.level} options={labelled('level', LEVELS)} />
        <Select id="ir-f-class" name="findingClass" label={t('improvement:ui.field.findingClass')} value={d.query.findingClass} options={labelled('findingClass', FINDING_CLASSES)} />
        <Select id="ir-f-source" name="source" label={t('improvement:ui.field.source')} value={d.query.source} options={labelled('source', SOURCES)} />
        <div className="field field--checkbox">
          <input type="checkbox" id="ir-f-overdue" name="overdue" value="1" defaultChecked={d.query.overdue} />
          <label htmlFor="ir-f-overdue">{t('improvement:ui.board.overdueOnly')}</label>
        </div>
        <div className="field field--checkbox">
          <input type="checkbox" id="ir-f-archived" name="archived" value="1" defaultChecked={d.query.archived} />
          <label htmlFor="ir-f-archived">{t('improvement:ui.board.archivedOnly')}</label>
        </div>
        {d.view === 'list' ? <input type="hidden" name="view" value="list" /> : null}
        <div className="actions-row">
          <button type="submit" className="button button--primary">{t('improvement:ui.board.apply')}</button>
          <Link to="/staff/improvements">{t('improvement:ui.board.clear')}</Link>
        </div>
      </Form>
    </section>
  );
}

function Card({ item }: { item: Data['items'][number] }) {
  const { t, language } = useT();
  return (
    <li className="ir-card">
      <p className="ir-card__number"><Link to={`/staff/improvements/${item.number}`}>{item.number}</Link></p>
      <p className="ir-card__title">{item.title}</p>
      <p className="ir-card__meta">
        <span>{item.department}</span>
        <span>{t(`improvement:type.${item.type}`)}</span>
        {item.dueDate ? <span>{t('improvement:ui.dueOn', { date: formatDate(item.dueDate, language) })}</span> : null}
        {item.overdue ? <span className="ir-overdue">{t('improvement:ui.overdue')}</span> : null}
        {item.archived ? <span className="badge">{t('improvement:ui.archived')}</span> : null}
      </p>
    </li>
  );
}

function Columns({ data: d }: { data: Data }) {
  const { t } = useT();
  return (
    <div className="ir-board">
      {STAGES.filter((s) => d.query.stage === '' || d.query.stage === s).map((s) => (
        <section key={s} className="ir-board__column" aria-labelledby={`ir-col-${s}`}>
          <h2 id={`ir-col-${s}`}>{t(`improvement:stage.${s}`)} <span className="badge">{t('improvement:ui.count', { count: d.stageCounts[s] })}</span></h2>
          <ul className="ir-card-list">{d.items.filter((i) => i.stage === s).map((i) => <Card key={i.number} item={i} />)}</ul>
        </section>
      ))}
    </div>
  );
}

function Table({ data: d }: { data: Data }) {
  const { t, language } = useT();
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{t('improvement:ui.board.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('improvement:ui.field.number')}</th>
            <th scope="col">{t('improvement:ui.field.title')}</th>
            <th scope="col">{t('improvement:ui.field.stage')}</th>
            <th scope="col">{t('improvement:ui.field.ownerDepartment')}</th>
            <th scope="col">{t('improvement:ui.field.level')}</th>
            <th scope="col">{t('improvement:ui.field.dueDate')}</th>
            <th scope="col">{t('improvement:ui.field.openActions')}</th>
          </tr>
        </thead>
        <tbody>
          {d.items.map((i) => (
            <tr key={i.number}>
              <td><Link to={`/staff/improvements/${i.number}`}>{i.number}</Link></td>
              <td>{i.title}</td>
              <td>{t(`improvement:stage.${i.stage}`)}</td>
              <td>{i.department}</td>
              <td>{t(`improvement:level.${i.level}`)}</td>
              <td>{formatDate(i.dueDate, language)}{i.overdue ? <> <span className="ir-overdue">{t('improvement:ui.overdue')}</span></> : null}</td>
              <td>{i.openActions}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
