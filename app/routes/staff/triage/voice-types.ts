import type { useLoaderData } from '@remix-run/react';
import type { loader } from '../voice';

/** What the voice page's loader gives its components (types only: no module cycle at run time). */
export type VoicePageData = ReturnType<typeof useLoaderData<typeof loader>>;
