// One way to show a phone number everywhere in the console: the contact center's home region's
// numbers in national grouping ("139 1234 5678"), others in international form
// ("+44 20 7946 0958"), as libphonenumber formats them. Only the display changes: dialling,
// stored values and copied text stay E.164.
import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { centerZone } from './center-zone.svelte.js';

/**
 * A number for the screen. `region` is the home region (ISO 3166), null while unknown (then
 * every number shows internationally). Anything libphonenumber cannot read as a possible number
 * (an extension, "anonymous", a typo) is shown as given. Pure.
 */
export function formatPhone(value: string, region: string | null): string {
  const text = value.trim();
  if (!text) return value;
  const home = region && isSupportedCountry(region) ? region : undefined;
  const parsed = parsePhoneNumberFromString(text, home ? { defaultCountry: home } : undefined);
  if (!parsed || !parsed.isPossible()) return value;
  // By calling code, not country: a number the metadata cannot place (or a NANP neighbour)
  // is still dialled nationally from home.
  return home && parsed.countryCallingCode === getCountryCallingCode(home) ? parsed.formatNational() : parsed.formatInternational();
}

/** formatPhone in the contact center's home region; read here so templates follow it. */
export function showPhone(value: string | null | undefined): string {
  return value ? formatPhone(value, centerZone.region) : '';
}
