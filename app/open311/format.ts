// GeoReport v2 wire formats: JSON arrays/objects and the spec's XML element names.

export type Open311Format = 'json' | 'xml';
import { japanTimeOn } from '~/japan-time';

type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 cannot carry at all.
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** `arrays` names the child element of each list field, e.g. { attributes: 'attribute' }. */
function element(name: string, value: XmlValue, arrays: Record<string, string>): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const child = arrays[name] ?? 'item';
    return `<${name}>${value.map((v) => element(child, v, arrays)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v, arrays)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function toXml(root: string, value: XmlValue, arrays: Record<string, string>): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value, arrays)}`;
}

// Open311 dates are ISO 8601 with the Japan offset, e.g. 2026-11-21T09:30:00+09:00.
export { isoJapan } from '~/japan-time';

/** A due date (YYYY-MM-DD) as the end of that day's office hours in Japan. */
export function isoJapanEndOfDay(date: string | null): string | null {
  return date ? japanTimeOn(date, '17:15:00') : null;
}

export function open311Response(format: Open311Format, body: unknown, xml: () => string, status = 200, headers: Record<string, string> = {}) {
  return format === 'json'
    ? new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers } })
    : new Response(xml(), { status, headers: { 'Content-Type': 'text/xml; charset=utf-8', ...headers } });
}

export interface Open311Error {
  code: number;
  description: string;
}

/** Errors as the spec says: the HTTP status plus an array of {code, description}. */
export function open311Errors(format: Open311Format, status: number, errors: Open311Error[], headers: Record<string, string> = {}) {
  return open311Response(format, errors, () => toXml('errors', errors as unknown as XmlValue, { errors: 'error' }), status, headers);
}

export type { XmlValue };
