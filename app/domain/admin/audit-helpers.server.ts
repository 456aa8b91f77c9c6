/** The fields that differ between two versions of a row, as { field: [before, after] } for the audit log. */
export function changedFields(before: object, after: object): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const previous = before as Record<string, unknown>;
  for (const [key, value] of Object.entries(after)) {
    const old = previous[key];
    const same = old instanceof Date || value instanceof Date ? String(old) === String(value) : old === value;
    if (!same) changes[key] = [old ?? null, value ?? null];
  }
  return changes;
}
