import { eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { submissions } from '#db/schema/index';
import { checkPlaceIn, type PlaceCheck } from './city-boundary.server';
import { publicPlace } from './public-place';

/** Whether a voice's pin lies outside the city (no pin, or no boundary: not outside). */
export async function placeCheckOfVoice(db: Database, submissionId: number, language: string): Promise<PlaceCheck> {
  const [voice] = await db.select({ lat: submissions.latitude, lng: submissions.longitude }).from(submissions).where(eq(submissions.id, submissionId));
  if (!voice || voice.lat === null || voice.lng === null) return { outside: false, hint: null, referTo: null };
  return checkPlaceIn(db, voice.lat, voice.lng, language);
}

/** A published voice's place as the public sees it: the centre of its ~200 m cell, or null. */
export async function publicPlaceOfVoice(db: Database, submissionId: number): Promise<{ lat: number; lng: number } | null> {
  const [voice] = await db.select({ lat: submissions.latitude, lng: submissions.longitude }).from(submissions).where(eq(submissions.id, submissionId));
  return voice ? publicPlace(voice.lat, voice.lng) : null;
}
