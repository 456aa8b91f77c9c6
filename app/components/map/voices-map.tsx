import { useEffect, useRef, useState } from 'react';
import type { MapSettings } from '~/domain/map-settings';
import { useT } from '~/i18n/i18n';
import type { MapVoice } from './voices-map.client';

/** Voices on a map (Leaflet loaded only now, in its own chunk); the list beside it is the accessible alternative. */
export function VoicesMap({ settings, voices }: { settings: MapSettings; voices: MapVoice[] }) {
  const { t } = useT();
  const canvas = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!canvas.current) return;
    let map: { destroy(): void } | null = null;
    let cancelled = false;
    const element = canvas.current;
    import('./voices-map.client').then(({ createVoicesMap }) => {
      if (cancelled) return;
      map = createVoicesMap(element, {
        settings, voices,
        labels: { map: t('place:inboxMap.mapLabel'), zoomIn: t('map:zoomIn'), zoomOut: t('map:zoomOut'), cluster: (count) => t('place:inboxMap.cluster', { count: String(count) }) },
      });
    }).catch(() => setFailed(true));
    return () => {
      cancelled = true;
      map?.destroy();
    };
  }, [settings, voices, t]);
  if (failed) return <p className="muted">{t('map:loadFailed')}</p>;
  return <div ref={canvas} className="voices-map" data-testid="inbox-map" />;
}
