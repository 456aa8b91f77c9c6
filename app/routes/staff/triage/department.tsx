import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { RouteAccess } from '~/auth/route-access';
import { requireUserWithPermission } from '~/auth/session.server';
import { useT } from '~/i18n/i18n';
import { requestLanguage, serverT } from '~/i18n/resources.server';
import { departmentOpenItems, triageCalendar } from '~/models/staff-triage.server';
import { departmentName } from '~/models/staff-voices.server';
import { photosOfVoices } from '~/domain/voice-photos.server';
import { DueDate } from './ui';

// The department view: the open items of the user's 課, soonest due first, overdue ones
// marked in words.
export const handle = { access: { signedIn: true, permission: 'voice:read' } } satisfies { access: RouteAccess };

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.title ?? 'Meyasu' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, context, 'voice:read');
  const language = requestLanguage(request);
  const { today } = await triageCalendar(context.db);
  const items = user.departmentId !== null ? await departmentOpenItems(context.db, user.departmentId, today, language) : null;
  const photos = await photosOfVoices(context.db, items?.map((i) => i.id) ?? []);
  return {
    photoCounts: Object.fromEntries([...photos].map(([id, list]) => [id, list.length])) as Record<number, number>,
    title: serverT(language, 'triage')('department.title'),
    departmentName: await departmentName(context.db, user.departmentId, language),
    today,
    items,
  };
}

export default function DepartmentView() {
  const { t } = useT();
  const { departmentName: name, items, today, photoCounts } = useLoaderData<typeof loader>();
  const overdue = items?.filter((i) => i.overdue).length ?? 0;
  return (
    <>
      <h1>{t('triage:department.title')}</h1>
      {items === null ? <p>{t('triage:department.noDepartment')}</p> : (
        <>
          <p>{t('triage:department.lead', { department: name ?? '', date: today })}</p>
          <p role="status">{t('triage:department.counts', { count: items.length, over: overdue })}</p>
          {items.length === 0 ? <p>{t('triage:department.empty')}</p> : (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{t('triage:department.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('staff:voice.due')}</th>
                    <th scope="col">{t('triage:inbox.receiptNumber')}</th>
                    <th scope="col">{t('triage:inbox.voiceTitle')}</th>
                    <th scope="col">{t('staff:voice.status')}</th>
                    <th scope="col">{t('triage:facts.assignee')}</th>
                    <th scope="col">{t('triage:department.approval')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.id} className={i.overdue ? 'row--overdue' : undefined}>
                      <td><DueDate date={i.dueDate} overdue={i.overdue} /></td>
                      <td><Link to={`/staff/voices/${i.receiptNumber}`}>{i.receiptNumber}</Link></td>
                      <td>{i.title}{photoCounts[i.id] ? <span className="voice-list__meta"> {t('triage:photos.count', { count: photoCounts[i.id] })}</span> : null}</td>
                      <td><span className={`status status--${i.status}`}>{t(`domain:status.${i.status}`)}</span></td>
                      <td>{i.assigneeName ?? t('triage:facts.noAssignee')}</td>
                      <td>{i.awaitingApproval ? t('triage:department.awaitingApproval') : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
