import { describe, expect, it } from 'vitest';
import { markupProblems } from '../security/html-checks';

// The XSS suite's checker must see a real hole, and must not cry wolf at escaped text.
describe('markup checks of the XSS suite', () => {
  const page = (inner: string) => `<!DOCTYPE html><html><head><script nonce="n">window.x = 1</script></head><body><main>${inner}</main></body></html>`;

  it('finds unescaped markup, handlers, script URLs and un-nonced scripts', () => {
    expect(markupProblems(page('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>', 'p').length).toBeGreaterThan(0);
    expect(markupProblems(page('<a href="jav&#x09;ascript:alert(1)">x</a>'), 'zz', 'p')[0]!.problem).toMatch(/script URL/);
    expect(markupProblems(page('<script>alert(1)</script>'), 'zz', 'p')[0]!.problem).toMatch(/nonce/);
    expect(markupProblems(page('<div title=x onmouseover=alert(1)>'), 'zz', 'p')[0]!.problem).toMatch(/event handler/);
    expect(markupProblems(page('<base href="//evil.example/">'), 'zz', 'p')[0]!.problem).toMatch(/dangerous tag/);
  });

  it('accepts escaped text, escaped attributes and a sandboxed mail frame', () => {
    const payload = '<img src=x onerror=alert(1)>';
    expect(markupProblems(page('<p>&lt;img src=x onerror=alert(1)&gt;</p>'), payload, 'p')).toEqual([]);
    expect(markupProblems(page('<input value="&lt;a href=&quot;javascript:alert(1)&quot;&gt;">'), payload, 'p')).toEqual([]);
    expect(markupProblems(page('<iframe srcdoc="&lt;p onclick=&quot;x&quot;&gt;" sandbox=""></iframe>'), payload, 'p')).toEqual([]);
  });
});
