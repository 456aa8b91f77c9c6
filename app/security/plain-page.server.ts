// Answers given in front of Remix (403 for another site's post, 413 for a body over its limit):
// a small complete page, no render needed.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A small complete page for answers given in front of Remix (no render needed), in the reader's language. */
export function plainPage(language: string, title: string, body: string, link: { href: string; label: string }): string {
  return `<!DOCTYPE html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>`
    + `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p></main></body></html>`;
}

