// English messages of the console's own date and time fields (components/shared/DateField.svelte
// and its kin): the hints, the refusals, and the contact center's zone beside a time.
export const dateEntryEn = {
  'dateEntry.dayHint': 'For example 2026-12-03 or Dec 3, 2026. Up and down arrows change the day.',
  'dateEntry.clockHint': 'For example 17:00 or 5:00 PM.',
  'dateEntry.error.date.format': 'Write the date as 2026-12-03 or Dec 3, 2026 (not “{text}”).',
  'dateEntry.error.date.noSuchDay': 'There is no such day as “{text}”.',
  'dateEntry.error.time.format': 'Write the time as 17:00 or 5:00 PM (not “{text}”).',
  'dateEntry.required.date': 'Enter a date.',
  'dateEntry.required.time': 'Enter a time.',
  'dateEntry.date': 'Date',
  'dateEntry.time': 'Time',
  'dateEntry.dateOf': '{label}: date',
  'dateEntry.timeOf': '{label}: time',
  'dateEntry.zone': 'Contact center time: {name} ({short})',
} as const;
