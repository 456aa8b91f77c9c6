import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { rememberTypedValues } from '~/document/typed-before-hydration';
import { loadTranslations } from '~/i18n/i18n';

// The page's strings are not in its loader data: the document links their JSON files
// (preloaded, cached for a year). They are fetched before hydrating, so the browser renders
// exactly what the server did. A page without them (an error page drawn without the root's
// data), or a visit whose fetch fails, stays the server's page: it works without JavaScript.
const files = Object.fromEntries(
  Array.from(document.querySelectorAll<HTMLLinkElement>('link[data-translations]'), (link) => [link.dataset.translations!, link.href]),
);

if (Object.keys(files).length > 0) {
  loadTranslations(document.documentElement.lang, files).then(
    () => startTransition(() => {
      // What the resident typed while the enhancement loaded is given back by the root (root.tsx).
      rememberTypedValues();
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    }),
    (error: unknown) => console.error('Translations could not be loaded; the page stays as the server drew it.', error),
  );
}
