import { useEffect, useRef, useState } from 'react';
import type { MapSettings } from '~/domain/map-settings';
import { useT } from '~/i18n/i18n';
import { formatLatLng } from './place-format';
import type { PinMap } from './pin-map.client';

/** A place shown on a map (staff voice page), with the coordinates as text beside it. */
export function PlaceView({ settings, lat, lng }: { settings: MapSettings | null; lat: number; lng: number }) {
  const { t } = useT();
  const canvas = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!settings || !canvas.current) return;
    let map: PinMap | null = null;
    let cancelled = false;
    const element = canvas.current;
    import('./pin-map.client').then(({ createPinMap }) => {
      if (cancelled) return;
      map = createPinMap(element, {
        settings, pin: { lat, lng }, interactive: false,
        labels: { map: t('map:mapLabel'), pin: t('map:pinViewLabel'), zoomIn: t('map:zoomIn'), zoomOut: t('map:zoomOut') },
      });
    }).catch(() => setFailed(true));
    return () => {
      cancelled = true;
      map?.destroy();
    };
  }, [settings, lat, lng, t]);
  return (
    <div className="place-view">
      <p>{formatLatLng(t, { lat, lng })}</p>
      {settings && !failed ? <div ref={canvas} className="pin-map" data-testid="place-view-map" /> : null}
    </div>
  );
}
