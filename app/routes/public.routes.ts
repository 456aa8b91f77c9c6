import { index, route, type RouteConfigEntry } from '@remix-run/route-config';

// The resident side: no sign-in. (Paths relative to app/.)
export const publicRoutes: RouteConfigEntry[] = [
  index('routes/home.tsx'),
  route('language', 'routes/language.ts'),
  route('send', 'routes/public/send.tsx'),
  route('send/place', 'routes/public/send-place.ts'),
  route('track/:token', 'routes/public/track.tsx'),
  route('survey', 'routes/public/survey-list.tsx'),
  route('survey/:slug', 'routes/public/survey.tsx'),
  route('voices', 'routes/public/voices.tsx'),
  route('voices/:receiptNumber', 'routes/public/voice.tsx'),
  route('voices/:receiptNumber/photos/:photoId', 'routes/public/voice-photo.ts'),
  route('privacy', 'routes/public/privacy.tsx'),
  route('accessibility', 'routes/public/accessibility.tsx'),
  // Any other URL: a 404 in the reader's language.
  route('*', 'routes/not-found.tsx'),
];
