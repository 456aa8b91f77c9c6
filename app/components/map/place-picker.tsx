import { lazy, Suspense, useEffect, useState } from 'react';
import type { MapSettings } from '~/domain/map-settings';
import { useT } from '~/i18n/i18n';

// "地図で場所を選ぶ" on the send form, kept tiny: the send page has the tightest JavaScript
// budget. Without JavaScript nothing of it shows and the place text says where (a pin sent
// earlier is kept in hidden fields); with JavaScript, pressing the button loads the map panel
// and Leaflet, in their own chunks.

const Panel = lazy(() => import('./place-picker-panel'));

export function PlacePicker({ settings, initial }: { settings: MapSettings; initial: { latitude?: string; longitude?: string } }) {
  const { t } = useT();
  const [hydrated, setHydrated] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (open) {
    return (
      <div className="place-picker">
        <Suspense fallback={<p role="status">{t('map:loading')}</p>}><Panel settings={settings} initial={initial} /></Suspense>
      </div>
    );
  }
  return (
    <div className="place-picker">
      {initial.latitude && initial.longitude ? (
        <>
          <input type="hidden" name="latitude" value={initial.latitude} />
          <input type="hidden" name="longitude" value={initial.longitude} />
        </>
      ) : null}
      {hydrated ? <button type="button" className="button" onClick={() => setOpen(true)}>{t('map:choose')}</button> : null}
    </div>
  );
}
