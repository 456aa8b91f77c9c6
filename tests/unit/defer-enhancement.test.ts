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

  it('gives the links their rel back a few per task after the first frame, then adds the module script last', () => {
    const loader = html.match(/<script nonce="N0nce==" async="">([\s\S]*?)<\/script>/)![1]!;
    // The loader runs against a stand-in for the browser: 20 deferred links (the send page has 15
    // module preloads and 5 translation preloads), a task queue, no paint observer.
    const links = Array.from({ length: 20 }, (_, i) => ({ rel: `x-deferred-${i < 15 ? 'modulepreload' : 'preload'}` }));
    const tasks: (() => void)[] = [];
    const appended: { type: string; nonce: string; textContent: string }[] = [];
    const document = {
      currentScript: { nonce: 'N0nce==' },
      querySelectorAll: () => links.filter((l) => l.rel.startsWith('x-deferred-')),
      createElement: () => ({ type: '', nonce: '', textContent: '' }),
      body: { appendChild: (node: (typeof appended)[number]) => appended.push(node) },
    };
    const setTimeout = (task: () => void, ms = 0) => { if (ms < 5000) tasks.push(task); };
    const requestAnimationFrame = (frame: () => void) => tasks.push(frame);
    new Function('document', 'window', 'setTimeout', 'requestAnimationFrame', loader)(document, {}, setTimeout, requestAnimationFrame);

    const restoredPerTask: number[] = [];
    let moduleAfterTask = -1;
    for (let task = 0; tasks.length > 0 && task < 100; task++) {
      const before = links.filter((l) => !l.rel.startsWith('x-deferred-')).length;
      tasks.shift()!();
      restoredPerTask.push(links.filter((l) => !l.rel.startsWith('x-deferred-')).length - before);
      if (appended.length > 0 && moduleAfterTask < 0) moduleAfterTask = task;
    }
    expect(links.map((l) => l.rel)).toEqual([...Array(15).fill('modulepreload'), ...Array(5).fill('preload')]);
    expect(Math.max(...restoredPerTask)).toBe(4);
    expect(restoredPerTask.filter((n) => n > 0)).toHaveLength(5);
    // The module script is added once, with the page's nonce, in the task that restored the last links.
    expect(appended).toEqual([{ type: 'module', nonce: 'N0nce==', textContent: 'import * as route0 from "/assets/root.js";\nimport("/assets/entry.client.js");' }]);
    expect(restoredPerTask[moduleAfterTask]).toBeGreaterThan(0);
    expect(restoredPerTask.slice(moduleAfterTask + 1).every((n) => n === 0)).toBe(true);
  });

  it('leaves a page without a module script as it is', () => {
    const plain = '<html><body><p>503</p></body></html>';
    expect(deferEnhancement(plain)).toBe(plain);
  });
});
