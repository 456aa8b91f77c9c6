import { useEffect, useRef, useState } from 'react';
import type { MapSettings } from '~/domain/map-settings';
import { useT } from '~/i18n/i18n';
import type { MapCell } from './hot-spots-map.client';

/** The hot-spot cells on a map, Leaflet loaded only now. */
export function HotSpotsMap({ settings, cells }: { settings: MapSettings; cells: MapCell[] }) {
  const { t } = useT();
  const canvas = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!canvas.current) return;
    let map: { destroy(): void } | null = null;
    let cancelled = false;
    const element = canvas.current;
    import('./hot-spots-map.client').then(({ createHotSpotsMap }) => {
      if (cancelled) return;
      map = createHotSpotsMap(element, { settings, cells, labels: { map: t('place:where.mapLabel'), zoomIn: t('map:zoomIn'), zoomOut: t('map:zoomOut') } });
    }).catch(() => setFailed(true));
    return () => {
      cancelled = true;
      map?.destroy();
    };
  }, [settings, cells, t]);
  if (failed) return null;
  return <div ref={canvas} className="voices-map no-print" data-testid="hot-spots-map" />;
}
