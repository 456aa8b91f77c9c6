import type { ReactNode } from 'react';
import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { rootTranslator } from '~/i18n/i18n';
import type { RootData } from '~/root';
import { StaffChrome, StaffErrorContent, staffErrorMeta, type ChromeUser } from '~/routes/staff/ui/chrome';
import staffStylesHref from '~/styles/staff.css?url';

// The mail pages under /staff are declared in email.routes.ts, outside the staff layout
// route, so they draw the same backoffice frame themselves from the layout's own pieces.

export const staffFrameLinks = () => [{ rel: 'stylesheet', href: staffStylesHref }];

export function StaffFrame({ chrome, children }: { chrome: ChromeUser | null; children: ReactNode }) {
  return <StaffChrome user={chrome}>{children}</StaffChrome>;
}

/** 403, 404 and other errors inside the backoffice frame. */
export function StaffFrameError() {
  const error = useRouteError();
  return (
    <StaffChrome user={null}>
      <StaffErrorContent status={isRouteErrorResponse(error) ? error.status : 500} />
    </StaffChrome>
  );
}

/**
 * The title of a mail page: its own when it loaded, else the refusal it shows followed by the
 * page's name (e.g. 「この操作の権限がありません – 送信メール」), in the reader's language.
 */
export function staffFrameMeta(pageTitleKey: string, loadedTitle: string | undefined, args: { error?: unknown; matches: readonly { id: string; data: unknown }[] }) {
  if (args.error === undefined || args.error === null) return [{ title: loadedTitle ?? 'Meyasu' }];
  const t = rootTranslator(args.matches.find((m) => m.id === 'root')?.data as RootData | undefined, 'email');
  return staffErrorMeta(args).map((m) => ({ title: `${m.title} – ${t(pageTitleKey)}` }));
}
