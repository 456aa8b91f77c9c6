import { describe, expect, it } from 'vitest';
import { canChangeStatus, interimReplyRequired } from '~/domain/voice-status';

describe('voice status rules', () => {
  it('follows the resident-visible path and its side exits', () => {
    expect(canChangeStatus('received', 'triaged')).toBe(true);
    expect(canChangeStatus('triaged', 'in_progress')).toBe(true);
    expect(canChangeStatus('received', 'merged')).toBe(true);
    expect(canChangeStatus('in_progress', 'referred')).toBe(true);
    expect(canChangeStatus('answered', 'closed')).toBe(true);
  });

  it('refuses to jump to answered without a reply, or to leave a closed voice sideways', () => {
    expect(canChangeStatus('in_progress', 'answered')).toBe(false);
    expect(canChangeStatus('received', 'answered')).toBe(false);
    expect(canChangeStatus('closed', 'merged')).toBe(false);
    expect(canChangeStatus('merged', 'closed')).toBe(false);
  });

  it('requires an interim reply once the target date has passed and no final reply went out', () => {
    const base = { status: 'in_progress' as const, dueDate: '2026-11-20', finalReplySent: false };
    expect(interimReplyRequired({ ...base, today: '2026-11-20' })).toBe(false);
    expect(interimReplyRequired({ ...base, today: '2026-11-21' })).toBe(true);
    expect(interimReplyRequired({ ...base, today: '2026-11-21', finalReplySent: true })).toBe(false);
    expect(interimReplyRequired({ ...base, today: '2026-11-21', status: 'closed' })).toBe(false);
  });
});
