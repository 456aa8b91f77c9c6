import { and, asc, eq, inArray, isNull, lte, ne } from 'drizzle-orm';
import type { Database } from '#db/client';
import { improvementActions, improvementRecords, users } from '#db/schema/index';
import { enqueueEmail } from '~/email/outbox.server';
import { addBusinessDays, isBusinessDay } from './business-days';
import { loadClosedDays } from './calendar.server';
import { japanDate } from './fiscal-year';
import { staffImprovementPath } from './notifications.server';

// Reminders to the owners of improvement actions that are due within two business days or
// overdue and not done. The owner is the named person; an action assigned only to a 課 (as
// 横展開 actions are) goes to that 課's managers, or its members when it has no manager.
// One mail per person per day (dedupe key), on business days, through the 'daily_digest'
// template, whose items already describe an action with its record number and due date.

export const REMINDER_HORIZON_BUSINESS_DAYS = 2;

interface Recipient {
  id: number;
  email: string;
  language: string;
}

export async function queueImprovementActionReminders(db: Database, now: Date): Promise<number> {
  const today = japanDate(now);
  return db.transaction(async (tx) => {
    const closedDays = await loadClosedDays(tx);
    if (!isBusinessDay(today, closedDays)) return 0;
    const horizon = addBusinessDays(today, REMINDER_HORIZON_BUSINESS_DAYS, closedDays);
    const due = await tx.select({
      id: improvementActions.id,
      description: improvementActions.description,
      dueDate: improvementActions.dueDate,
      ownerUserId: improvementActions.ownerUserId,
      ownerDepartmentId: improvementActions.ownerDepartmentId,
      number: improvementRecords.number,
    })
      .from(improvementActions)
      .innerJoin(improvementRecords, eq(improvementRecords.id, improvementActions.recordId))
      .where(and(
        isNull(improvementActions.doneAt), lte(improvementActions.dueDate, horizon),
        isNull(improvementRecords.archivedAt), ne(improvementRecords.stage, 'closed'),
      ))
      .orderBy(asc(improvementActions.dueDate), asc(improvementActions.id));
    if (due.length === 0) return 0;

    const staff = await tx.select({ id: users.id, email: users.email, language: users.language, role: users.role, departmentId: users.departmentId })
      .from(users)
      .where(and(isNull(users.disabledAt), inArray(users.role, ['staff', 'manager', 'reform'])));
    const byId = new Map(staff.map((s) => [s.id, s]));
    const ownersOf = (action: (typeof due)[number]): Recipient[] => {
      const named = action.ownerUserId ? byId.get(action.ownerUserId) : undefined;
      if (named) return [named];
      const members = staff.filter((s) => s.departmentId !== null && s.departmentId === action.ownerDepartmentId && s.role !== 'reform');
      const managers = members.filter((m) => m.role === 'manager');
      return managers.length > 0 ? managers : members;
    };

    const perPerson = new Map<number, { person: Recipient; actions: typeof due }>();
    for (const action of due) {
      for (const person of ownersOf(action)) {
        const entry = perPerson.get(person.id) ?? { person, actions: [] };
        entry.actions.push(action);
        perPerson.set(person.id, entry);
      }
    }
    let queued = 0;
    for (const { person, actions } of perPerson.values()) {
      const items = actions.map((a) => ({
        kind: 'action' as const,
        reference: a.number,
        title: a.description.length > 80 ? `${a.description.slice(0, 79)}…` : a.description,
        dueDate: a.dueDate!,
        overdue: a.dueDate! < today,
        itemPath: staffImprovementPath(a.number),
      }));
      const sent = await enqueueEmail(tx, {
        template: 'daily_digest', to: person.email, language: person.language,
        payload: { date: today, items }, dedupeKey: `improvement-reminder:${today}:${person.id}`,
      });
      if (sent) queued += 1;
    }
    return queued;
  });
}
