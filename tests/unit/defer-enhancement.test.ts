import { describe, expect, it } from 'vitest';
import { deferEnhancement } from '../../app/document/defer-enhancement';

const PAGE = [
  '<html><head><link rel="stylesheet" href="/assets/app.css"/>',
  '<link rel="preload" as="fetch" crossorigin="anonymous" href="/assets/common.json" data-translations="common"/></head><body><main>…</main>',
  '<link rel="modulepreload" href="/assets/entry.client.js"/><script nonce="N0nce==">window.__remixContext = {};</script>',
  '<script nonce="N0nce==" type="module" async="">import * as route0 from "/assets/root.js";\nimport("/assets/entry.client.js");</script></body></html>',
].join('');

describe('deferEnhancement', () => {
  const html = deferEnhancement(PAGE);

  it('leaves no module script, module preload or translation preload for the parser to fetch', () => {
    expect(html).not.toMatch(/type="module"/);
    expect(html).not.toMatch(/rel="modulepreload"/);
    expect(html).not.toMatch(/rel="preload"/);
    expect(html).toContain('<link rel="x-deferred-modulepreload" href="/assets/entry.client.js"/>');
    expect(html).toContain('<link rel="x-deferred-preload" as="fetch" crossorigin="anonymous" href="/assets/common.json" data-translations="common"/>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/app.css"/>');
  });

  it('carries the module source, escaped for an inline script, into a loader with the same nonce', () => {
    const loader = html.match(/<script nonce="N0nce==" async="">([\s\S]*?)<\/script>/)![1]!;
    expect(loader).toContain('requestAnimationFrame');
    expect(loader).toContain(JSON.stringify('import * as route0 from "/assets/root.js";\nimport("/assets/entry.client.js");'));
    // A `<` inside the string (as `<!--` would be) is written as \u003c, which no parser reads as markup.
    const escaped = deferEnhancement(PAGE.replace('import("/assets/entry.client.js");', 'x("<!--<\\/b>")'));
    expect(escaped).not.toContain('<!--');
    expect(escaped).toContain('x(\\"\\u003c!--\\u003c');
  });

  it('carries a source with `$` in it unchanged (no replacement patterns)', () => {
    const source = 'import * as route1 from "/assets/voices.$$receipt-$&-x.js";';
    const carried = deferEnhancement(PAGE.replace('import("/assets/entry.client.js");', () => source));
    expect(carried).toContain(JSON.stringify(`import * as route0 from "/assets/root.js";\n${source}`).slice(1, -1));
  });

  it('leaves a page without a module script as it is', () => {
    const plain = '<html><body><p>503</p></body></html>';
    expect(deferEnhancement(plain)).toBe(plain);
  });
});
