import { useEffect, useRef, useState } from 'react';
import type { MapSettings } from '~/domain/map-settings';
import { useT } from '~/i18n/i18n';
import { formatLatLng } from './place-format';
import type { LatLng, PinMap } from './pin-map.client';
import { usePlaceCheck } from './use-place-check';

// The opened map of the send form (place-picker.tsx loads this module when "地図で場所を選ぶ" is
// pressed; it loads Leaflet in turn). The pin goes into two hidden fields, latitude and
// longitude; where it is is read out (aria-live) whenever it moves, and the place text stays
// the accessible alternative.

function parsePin(initial: { latitude?: string; longitude?: string }): LatLng | null {
  const lat = Number(initial.latitude);
  const lng = Number(initial.longitude);
  return initial.latitude && initial.longitude && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
}

export default function PlacePickerPanel({ settings, initial }: { settings: MapSettings; initial: { latitude?: string; longitude?: string } }) {
  const { t } = useT();
  const first = useRef<HTMLButtonElement>(null);
  const [pin, setPin] = useState<LatLng | null>(() => parsePin(initial));
  const [status, setStatus] = useState('');
  const canvas = useRef<HTMLDivElement>(null);
  const map = useRef<PinMap | null>(null);
  const { hint: outsideHint, address } = usePlaceCheck(pin);
  const filled = useRef('');
  // A suggested place name goes into the place text, unless the resident wrote their own.
  useEffect(() => {
    const field = canvas.current?.closest('form')?.querySelector<HTMLInputElement | HTMLTextAreaElement>('[name="placeText"]');
    if (!address || !field || (field.value !== '' && field.value !== filled.current)) return;
    field.value = address;
    filled.current = address;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    setStatus(t('map:addressFilled', { address }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [address]);
  // The button that opened the map is gone: focus moves to the map's first control.
  useEffect(() => first.current?.focus(), []);

  useEffect(() => {
    if (!canvas.current) return;
    let cancelled = false;
    const element = canvas.current;
    setStatus(t('map:loading'));
    import('./pin-map.client').then(({ createPinMap }) => {
      if (cancelled) return;
      map.current = createPinMap(element, {
        settings, pin, interactive: true,
        labels: { map: t('map:mapLabel'), pin: t('map:pinLabel'), zoomIn: t('map:zoomIn'), zoomOut: t('map:zoomOut') },
        onMove: (next) => {
          setPin(next);
          setStatus(formatLatLng(t, next));
        },
      });
      setStatus(pin ? formatLatLng(t, pin) : t('map:ready'));
    }).catch(() => setStatus(t('map:loadFailed')));
    return () => {
      cancelled = true;
      map.current?.destroy();
      map.current = null;
    };
    // The map is made once per opening; later pins come from the map itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const placeAtCenter = () => {
    if (!map.current) return;
    map.current.setPin(map.current.center(), 'place');
    map.current.focusPin();
  };

  const useMyLocation = () => {
    if (!('geolocation' in navigator)) {
      setStatus(t('map:locationUnavailable'));
      return;
    }
    setStatus(t('map:locating'));
    navigator.geolocation.getCurrentPosition(
      (position) => map.current?.setPin({ lat: position.coords.latitude, lng: position.coords.longitude }, 'place'),
      () => setStatus(t('map:locationFailed')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const clear = () => {
    map.current?.clearPin();
    setPin(null);
    setStatus(t('map:cleared'));
  };

  return (
    <>
      {pin ? (
        <>
          <input type="hidden" name="latitude" value={pin.lat.toFixed(6)} />
          <input type="hidden" name="longitude" value={pin.lng.toFixed(6)} />
        </>
      ) : null}
      <p className="muted" id="place-picker-help">{t('map:help')}</p>
      <div ref={canvas} className="pin-map" aria-describedby="place-picker-help" />
      <div className="place-picker__actions">
        <button type="button" className="button" onClick={placeAtCenter} ref={first}>{t('map:placeAtCenter')}</button>{' '}
        <button type="button" className="button" onClick={useMyLocation}>{t('map:useMyLocation')}</button>{' '}
        {pin ? <button type="button" className="button" onClick={clear}>{t('map:clear')}</button> : null}
      </div>
      <p className="place-picker__status" role="status" aria-live="polite">{status}</p>
      <div className="place-picker__outside" aria-live="polite">
        {outsideHint ? (
          <div className="notice notice--warning">
            <p><strong>{t('citizen:placeOutside.title')}</strong></p>
            <p>{outsideHint}</p>
          </div>
        ) : null}
      </div>
    </>
  );
}
