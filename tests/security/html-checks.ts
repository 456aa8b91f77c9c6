// Checks that a page (or a mail) shows untrusted text as text: no tag, attribute or URL of
// the payload survives. Text outside tags is harmless (React escapes < and >), so the checks
// look at the real tags of the document; the app's own scripts all carry the CSP nonce.

const NEVER_USED_TAGS = new Set(['base', 'object', 'embed', 'applet', 'isindex', 'keygen', 'bgsound', 'marquee', 'plaintext', 'xmp', 'listing', 'frameset', 'frame']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'background', 'data', 'poster', 'xlink:href', 'lowsrc', 'dynsrc', 'codebase', 'cite']);

export interface MarkupProblem {
  where: string;
  problem: string;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(quot|apos|lt|gt|amp|tab|newline|colon);/gi, (_, name: string) => ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&', tab: '\t', newline: '\n', colon: ':' })[name.toLowerCase()] ?? '');
}

/** The URL scheme a browser would see, ignoring the whitespace and control characters it skips. */
function isScriptUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- browsers strip these from URLs
  const folded = decodeEntities(value).replace(/[\u0000-\u0020\u00ad\u200b]/g, '').toLowerCase();
  return folded.startsWith('javascript:') || folded.startsWith('vbscript:') || folded.startsWith('data:text/html');
}

export function markupProblems(html: string, payload: string, where: string, options: { allowScripts?: boolean } = {}): MarkupProblem[] {
  const problems: string[] = [];
  const allowScripts = options.allowScripts ?? true;
  // Script contents are data for the app's own code (Remix escapes < in them); only the tags count.
  const body = html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script\s*>)/gi, '$1$2');
  for (const variant of new Set([payload, payload.trim(), payload.normalize('NFKC').trim()])) {
    // Shown as text, a payload with < > or " is always escaped: a verbatim copy is markup.
    if (/[<>"]/.test(variant) && body.includes(variant)) problems.push(`payload verbatim: ${variant}`);
  }
  for (const match of body.matchAll(/<([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g)) {
    const tag = match[1]!.toLowerCase();
    const attributeText = match[2] ?? '';
    const attributes = [...attributeText.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?/g)]
      .map((a) => ({ name: a[1]!.toLowerCase(), value: a[3] ?? a[4] ?? a[5] ?? '' }));
    if (tag === 'script') {
      if (!allowScripts) problems.push(`script element: ${match[0].slice(0, 120)}`);
      else if (!attributes.some((a) => a.name === 'nonce')) problems.push(`script without the CSP nonce: ${match[0].slice(0, 120)}`);
    }
    if (NEVER_USED_TAGS.has(tag)) problems.push(`dangerous tag: ${match[0].slice(0, 120)}`);
    if (tag === 'meta' && attributes.some((a) => a.name === 'http-equiv' && a.value.toLowerCase() === 'refresh')) problems.push(`meta refresh: ${match[0].slice(0, 120)}`);
    for (const { name, value } of attributes) {
      if (/^on[a-z]+$/.test(name)) problems.push(`event handler attribute ${name}: ${match[0].slice(0, 120)}`);
      if (URL_ATTRIBUTES.has(name) && isScriptUrl(value)) problems.push(`script URL in ${name}: ${match[0].slice(0, 120)}`);
    }
  }
  return problems.map((problem) => ({ where, problem }));
}
