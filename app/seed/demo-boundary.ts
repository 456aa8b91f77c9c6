import type { Executor } from '#db/client';
import { cityBoundary } from '#db/schema/index';

// さくら台市's boundary (fictional, drawn around the demo map centre 35.6581, 139.7017): the
// city ends about 500 m west of the centre, so the demo and the browser tests can drop a pin
// outside it. [lng, lat] order, as GeoJSON.
export const demoBoundary: [number, number][][][] = [[[
  [139.696, 35.645], [139.72, 35.642], [139.732, 35.655], [139.728, 35.672], [139.71, 35.68], [139.696, 35.674], [139.696, 35.645],
]]];

export const demoOutsideHint = {
  ja: 'この場所はさくら台市の外のようです。国道は国（国土交通省の国道事務所）、県道は県の土木事務所、隣の市の道路や施設はその市が担当しています。このまま送っていただければ、市から担当の機関にお伝えします。',
  en: 'This place seems to be outside Sakuradai City. National roads are looked after by the national government (the MLIT road office), prefectural roads by the prefecture\'s public works office, and the neighbouring city\'s roads and buildings by that city. You can still send your voice: the city will pass it on.',
  referTo: '県 土木事務所（場所により国道事務所・隣接市）',
};

/** The demo city's boundary, only when none has been loaded. */
export async function seedCityBoundary(tx: Executor): Promise<void> {
  await tx.insert(cityBoundary).values({
    id: 1, coordinates: demoBoundary, vertexCount: demoBoundary[0]![0]!.length,
    outsideHintJa: demoOutsideHint.ja, outsideHintTranslations: { en: demoOutsideHint.en }, referTo: demoOutsideHint.referTo,
  }).onConflictDoNothing();
}
