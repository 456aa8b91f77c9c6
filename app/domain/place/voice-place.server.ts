import { eq } from 'drizzle-orm';
import type { Database } from '#db/client';
import { submissions } from '#db/schema/index';
import { checkPlaceIn, type PlaceCheck } from './city-boundary.server';

/** Whether a voice's pin lies outside the city (no pin, or no boundary: not outside). */
export async function placeCheckOfVoice(db: Database, submissionId: number, language: string): Promise<PlaceCheck> {
  const [voice] = await db.select({ lat: submissions.latitude, lng: submissions.longitude }).from(submissions).where(eq(submissions.id, submissionId));
  if (!voice || voice.lat === null || voice.lng === null) return { outside: false, hint: null, referTo: null };
  return checkPlaceIn(db, voice.lat, voice.lng, language);
}
