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

/** True for a unique-constraint violation, on either driver (drizzle may wrap the driver error). */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (typeof current === 'object' && current !== null && (current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
