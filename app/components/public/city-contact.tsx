import { useT } from '~/i18n/i18n';
import { useRootData } from '~/root';

// How to reach the city hall other than through this site, from the city's settings
// (administration → the city). Empty items are left out.

/** "0123-45-6789" → "tel:0123456789" (what a phone dials). */
const telHref = (number: string) => `tel:${number.replace(/[^\d+]/g, '')}`;

/** 電話・FAX・開庁時間・夜間休日 as a list of facts; nothing when the city gave none. */
export function CityContactFacts({ className }: { className?: string }) {
  const { t } = useT();
  const contact = useRootData()?.city.contact;
  if (!contact) return null;
  const rows: [label: string, value: React.ReactNode][] = [];
  if (contact.phone) rows.push([t('citizen:contact.phone'), <a key="phone" href={telHref(contact.phone)}>{contact.phone}</a>]);
  if (contact.fax) rows.push([t('citizen:contact.fax'), contact.fax]);
  if (contact.hours) rows.push([t('citizen:contact.hours'), contact.hours]);
  if (contact.afterHoursPhone) rows.push([t('citizen:contact.afterHours'), <a key="after" href={telHref(contact.afterHoursPhone)}>{contact.afterHoursPhone}</a>]);
  if (rows.length === 0) return null;
  return (
    <dl className={`contact-facts ${className ?? ''}`}>
      {rows.map(([label, value]) => (
        <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
      ))}
    </dl>
  );
}

/**
 * "Not for emergencies": a reply here takes days, so anything urgent (a collapsed road, a fire,
 * someone hurt) goes to 110/119 or the city hall's phone. On home, send and the confirmation.
 */
export function EmergencyNotice({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useT();
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="notice notice--warning emergency-notice" aria-labelledby="emergency-title">
      <Heading id="emergency-title">{t('citizen:contact.emergencyTitle')}</Heading>
      <p>{t('citizen:contact.emergencyBody')}</p>
      <CityContactFacts />
    </section>
  );
}
