// Before a voice is published, personal data is masked automatically; staff then review and
// may edit the preview. Full-width digits and symbols are common in Japanese input, so every
// pattern accepts both widths.

const D = '[0-9０-９]';
const HYPHEN = '[-－‐‑–—―ーｰ−]';
const SEP = `(?:${HYPHEN}|\\s|\\u3000)?`;

export interface MaskLabels {
  email: string;
  phone: string;
  postcode: string;
  name: string;
}

const JAPANESE_MASK_LABELS: MaskLabels = { email: '［メールアドレス］', phone: '［電話番号］', postcode: '［郵便番号］', name: '［氏名］' };

const EMAIL = /[A-Za-z0-9._%+\-Ａ-Ｚａ-ｚ０-９．＿]+[@＠][A-Za-z0-9\-Ａ-Ｚａ-ｚ０-９]+(?:[.．][A-Za-z0-9\-Ａ-Ｚａ-ｚ０-９]+)+/g;
// 〒123-4567, 〒1234567, 郵便番号 123-4567, and the 3-4 hyphenated shape on its own.
const POSTCODE = new RegExp(`(?:〒|郵便番号[:：]?)\\s*${D}{3}${HYPHEN}?${D}{4}|(?<!${D}|${HYPHEN})${D}{3}${HYPHEN}${D}{4}(?!${D}|${HYPHEN})`, 'g');
// Domestic numbers start with 0 and have 10–11 digits; +81 numbers drop that 0.
const PHONE = new RegExp(
  `(?<!${D})(?:(?:\\+|＋)(?:81|８１)${SEP}${D}{1,4}|[0０]${D}{0,4}|[(（][0０]${D}{0,4}[)）])${SEP}(?:[(（]${D}{1,4}[)）]|${D}{1,4})${SEP}${D}{3,4}(?!${D})`,
  'g',
);

function digitCount(text: string): number {
  return (text.normalize('NFKC').match(/\d/g) ?? []).length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface ResidentName {
  familyName?: string | null;
  givenName?: string | null;
  familyNameKana?: string | null;
  givenNameKana?: string | null;
}

/** Masks the resident's name: the full name (with or without a space), then each part of 2+ characters. */
function maskName(text: string, name: ResidentName | null | undefined, label: string): string {
  if (!name) return text;
  let result = text;
  const pairs: [string | null | undefined, string | null | undefined][] = [
    [name.familyName, name.givenName],
    [name.familyNameKana, name.givenNameKana],
  ];
  for (const [family, given] of pairs) {
    if (family && given) result = result.replace(new RegExp(`${escapeRegExp(family)}[\\s\\u3000]*${escapeRegExp(given)}`, 'g'), label);
  }
  const parts = [name.familyName, name.givenName, name.familyNameKana, name.givenNameKana]
    .filter((p): p is string => !!p && Array.from(p.trim()).length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const part of parts) result = result.replace(new RegExp(escapeRegExp(part.trim()), 'g'), label);
  return result;
}

/** Masks e-mail addresses, phone numbers, 〒 postcodes and the resident's name. */
export function maskPersonalData(text: string, name?: ResidentName | null, labels: MaskLabels = JAPANESE_MASK_LABELS): string {
  let result = text.replace(EMAIL, labels.email);
  result = result.replace(POSTCODE, labels.postcode);
  result = result.replace(PHONE, (match) => {
    const digits = digitCount(match);
    const international = /^[+＋]/.test(match);
    return (international ? digits >= 10 && digits <= 12 : digits >= 10 && digits <= 11) ? labels.phone : match;
  });
  return maskName(result, name, labels.name);
}
