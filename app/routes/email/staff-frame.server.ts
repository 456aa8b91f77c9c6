import type { LoaderFunctionArgs } from '@remix-run/node';
import type { ChromeUser } from '~/routes/staff/ui/chrome';
import { loadStaffChrome } from '~/routes/staff/ui/chrome.server';

/** The signed-in person as the backoffice header shows them (server only: loaders import it). */
export async function loadStaffFrame({ request, context }: LoaderFunctionArgs): Promise<ChromeUser> {
  return loadStaffChrome(request, context);
}
