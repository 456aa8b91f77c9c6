// Resident pages paint before any JavaScript is fetched (issue 15): their forms work without it,
// so the enhancement (Remix's module scripts, their preloads, the translation files the browser
// hydrates with) starts only after the first frame is painted. The server's document is changed
// in three places, none of which React compares when it hydrates (attributes and a script's text;
// the module script it adds goes at the end of <body>, where React tolerates extra nodes):
// - `rel="modulepreload"` and the translations' `rel="preload"` become `rel="x-deferred-…"`;
// - Remix's `<script type="module">` becomes a classic inline script that, after the first paint,
//   gives the links their rel back and adds the same module script (with this response's nonce).
// A page that paints nothing countable (a background tab) still gets its script after 5 s.
// docs/decisions/document-cache.md.

const DEFERRED = 'x-deferred-';
const LINKS_PER_TASK = 4;
// The three places, found in one pass over the document (each replace would copy it whole).
const ENHANCEMENT = /<script nonce="([^"]*)" type="module" async="">([\s\S]*?)<\/script>|<link rel="modulepreload"|<link rel="preload" as="fetch"([^>]*) data-translations=/g;

/** JSON that is safe inside an inline <script> (no `</script>`, no `<!--`). */
const inlineJson = (value: string) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** The classic script that adds Remix's module script (its source) after the first paint. */
function loaderScript(nonce: string, source: string): string {
  // Started when the browser reports the first contentful paint (two frames later where it
  // cannot tell; in any case after 5 s, for a page that paints nothing the browser counts).
  // The links get their rel back LINKS_PER_TASK at a time, one task each: every rel starts a
  // fetch, and the send page's 20 links in one task took 12–73 ms under Lighthouse's 4× CPU
  // slowdown, a long task while the resident may already be typing. The module script comes
  // last, once every preload has started.
  const loader = `(function(s,c){var d=0;function go(){if(d)return;d=1;`
    + `var k=[].slice.call(document.querySelectorAll('link[rel^="${DEFERRED}"]'));(function n(){`
    + `k.splice(0,${LINKS_PER_TASK}).forEach(function(l){l.rel=l.rel.slice(${DEFERRED.length})});if(k.length)return setTimeout(n);`
    + `var m=document.createElement('script');m.type='module';m.nonce=s.nonce;m.textContent=c;document.body.appendChild(m)})()}`
    + `setTimeout(go,5000);var P=window.PerformanceObserver;`
    + `if(P&&P.supportedEntryTypes&&P.supportedEntryTypes.indexOf('paint')>=0){new P(function(l,o){if(l.getEntriesByName('first-contentful-paint').length){o.disconnect();setTimeout(go)}}).observe({type:'paint',buffered:true})}`
    + `else requestAnimationFrame(function(){requestAnimationFrame(function(){setTimeout(go)})})})(document.currentScript,${inlineJson(source)})`;
  return `<script nonce="${nonce}" async="">${loader}</script>`;
}

export function deferEnhancement(html: string): string {
  let moduleScripts = 0;
  const deferred = html.replace(ENHANCEMENT, (found, nonce?: string, source?: string, preloadAttributes?: string) => {
    if (source !== undefined) {
      // Only Remix's first module script is Remix's entry; another stays as it was.
      moduleScripts += 1;
      return moduleScripts === 1 ? loaderScript(nonce ?? '', source) : found;
    }
    if (preloadAttributes !== undefined) return `<link rel="${DEFERRED}preload" as="fetch"${preloadAttributes} data-translations=`;
    return `<link rel="${DEFERRED}modulepreload"`;
  });
  // A document without Remix's module script (an error page drawn without scripts) has nothing to defer.
  return moduleScripts === 0 ? html : deferred;
}
