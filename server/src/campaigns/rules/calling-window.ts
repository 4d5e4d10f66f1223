// Calling windows in the lead's local time: the campaign's hours on its weekdays, never on the
// business calendar's holidays. Built on the business calendar the SLA clocks use, one calendar
// per zone (each keeps a table of its days, so one object per zone serves a whole dry run).
// A lead whose number spans several zones (a country with more than one) is called only when
// the window is open in every one of them.
import type { CampaignRules } from '../../../../contract/index.js';
import { isOpenAt, parseBusinessCalendar, type BusinessCalendar } from '../../cases/rules/business-calendar.js';

export class CallingWindow {
  private readonly calendars = new Map<string, BusinessCalendar>();

  constructor(
    private readonly window: CampaignRules['window'],
    /** 'YYYY-MM-DD' dates with no calls (the business calendar's holidays), or none. */
    private readonly holidays: readonly string[],
  ) {}

  private calendarFor(timeZone: string): BusinessCalendar {
    let c = this.calendars.get(timeZone);
    if (!c) {
      const hours = [{ start: this.window.start, end: this.window.end }];
      c = parseBusinessCalendar({
        timeZone,
        weeklyHours: [0, 1, 2, 3, 4, 5, 6].map((d) => (this.window.days.includes(d) ? hours : [])),
        holidays: [...this.holidays],
        extraWorkingDays: [],
      });
      this.calendars.set(timeZone, c);
    }
    return c;
  }

  /** Open at `at` in every one of the lead's zones (a lead with no zone is never called). */
  isOpen(timeZones: readonly string[], at: Date): boolean {
    return timeZones.length > 0 && timeZones.every((z) => isOpenAt(this.calendarFor(z), at));
  }
}

/** 'HH:MM' on the wall clock of `timeZone` at `at`. */
export function localTimeOf(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
