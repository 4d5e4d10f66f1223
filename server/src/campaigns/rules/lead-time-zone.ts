// A lead's time zones, from its number's country (libphonenumber-js knows the country, not the
// zone). A country that spans several zones gives all its main ones, and the calling window must
// be open in each, so a lead whose exact zone is unknown is never called at night. A zone the
// import names explicitly (from the address, or a column) wins over the number.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const COUNTRY_ZONES: Readonly<Record<string, readonly string[]>> = {
  CN: ['Asia/Shanghai'],
  HK: ['Asia/Hong_Kong'],
  MO: ['Asia/Macau'],
  TW: ['Asia/Taipei'],
  SG: ['Asia/Singapore'],
  MY: ['Asia/Kuala_Lumpur'],
  JP: ['Asia/Tokyo'],
  KR: ['Asia/Seoul'],
  TH: ['Asia/Bangkok'],
  VN: ['Asia/Ho_Chi_Minh'],
  PH: ['Asia/Manila'],
  IN: ['Asia/Kolkata'],
  AE: ['Asia/Dubai'],
  GB: ['Europe/London'],
  IE: ['Europe/Dublin'],
  FR: ['Europe/Paris'],
  DE: ['Europe/Berlin'],
  IT: ['Europe/Rome'],
  ES: ['Europe/Madrid'],
  NL: ['Europe/Amsterdam'],
  NZ: ['Pacific/Auckland'],
  US: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  CA: ['America/Halifax', 'America/Toronto', 'America/Winnipeg', 'America/Edmonton', 'America/Vancouver'],
  AU: ['Australia/Perth', 'Australia/Adelaide', 'Australia/Sydney'],
  BR: ['America/Manaus', 'America/Sao_Paulo'],
  MX: ['America/Tijuana', 'America/Mexico_City', 'America/Cancun'],
  RU: ['Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok'],
  ID: ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'],
};

/** The zones of an E.164 number; `fallback` (the center's zone) for a country not in the table. */
export function timeZonesOfNumber(e164: string, fallback: string): string[] {
  const country = parsePhoneNumberFromString(e164)?.country;
  const zones = country ? COUNTRY_ZONES[country] : undefined;
  return zones ? [...zones] : [fallback];
}
