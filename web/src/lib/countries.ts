import { BOOKING_COUNTRIES, type BookingCountry } from '../api/values.ts';

interface CountryOption {
  value: BookingCountry;
  label: string;
}

const named = new Map<string, { names: Intl.DisplayNames; options: CountryOption[] }>();

/** The country names of a language, and the codes a booking accepts as options sorted by those names. */
function countries(language: string) {
  let entry = named.get(language);
  if (!entry) {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(language);
    const options = BOOKING_COUNTRIES.map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }));
    options.sort((a, b) => collator.compare(a.label, b.label));
    entry = { names, options };
    named.set(language, entry);
  }
  return entry;
}

/** The options of a country picker: every code the server accepts, named in `language`. */
export function countryOptions(language: string): CountryOption[] {
  return countries(language).options;
}

/** A country's name in `language` (its code when the browser has no name for it). */
export function countryName(code: string, language: string): string {
  return countries(language).names.of(code) ?? code;
}
