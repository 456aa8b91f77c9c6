import { useEffect, useState } from 'react';
import type { LatLng } from './pin-map.client';

// Asks our server whether a dropped pin is outside the city (/send/place), and for a place
// name when a reverse geocoder is configured, once the pin has rested a moment (arrow keys
// move it in small steps). Any failure says nothing: both are help, never a condition of sending.
export interface PlaceCheckAnswer { hint: string | null; address: string | null }

export function usePlaceCheck(pin: LatLng | null): PlaceCheckAnswer {
  const [answer, setAnswer] = useState<PlaceCheckAnswer>({ hint: null, address: null });
  useEffect(() => {
    if (!pin) {
      setAnswer({ hint: null, address: null });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const query = new URLSearchParams({ lat: pin.lat.toFixed(6), lng: pin.lng.toFixed(6) });
      fetch(`/send/place?${query}`, { signal: controller.signal, headers: { Accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<{ outside?: boolean; hint?: string | null; address?: string | null }>) : null))
        .then((a) => setAnswer({ hint: a?.outside && a.hint ? a.hint : null, address: a?.address ?? null }))
        .catch(() => undefined);
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [pin?.lat, pin?.lng]); // eslint-disable-line react-hooks/exhaustive-deps
  return answer;
}
