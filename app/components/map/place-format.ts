/** Where a pin is, as read out and shown: "ピンの位置：北緯 35.65810、東経 139.70170". */
export function formatLatLng(t: (key: string, v?: Record<string, string>) => string, pin: { lat: number; lng: number }): string {
  return t('map:position', { lat: pin.lat.toFixed(5), lon: pin.lng.toFixed(5) });
}
