/**
 * Bank holidays in England and Wales, 2010 to 2027, as data (ISO dates).
 *
 * Source: GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays, also
 * published as https://www.gov.uk/bank-holidays.json, division "england-and-wales"),
 * which lists substitute days and the one-off holidays proclaimed for royal events.
 *
 * Checked: every year 2010-2027 is checked by tests/unit/working-days.test.ts
 * (not against GOV.UK's file itself, which is not fetched at build or test time)
 * against the rules GOV.UK's list follows (New Year's Day, Good Friday and Easter
 * Monday by the Gregorian Easter, the first and last Mondays of May, the last
 * Monday of August, Christmas and Boxing Day, each moved to the next free weekday
 * when it falls at a weekend), with the proclaimed exceptions named below. Years
 * after 2027 are not listed: a reviewer adds their non-working days in Settings
 * (and GOV.UK announces each year's list about a year ahead).
 */

export interface BankHoliday {
  date: string;
  name: string;
}

export const BANK_HOLIDAYS_SOURCE = 'GOV.UK, UK bank holidays: England and Wales (https://www.gov.uk/bank-holidays)';
export const BANK_HOLIDAYS_FIRST_YEAR = 2010;
export const BANK_HOLIDAYS_LAST_YEAR = 2027;

/** Proclaimed changes to the usual pattern: extra days, and usual days moved. */
export const PROCLAIMED_CHANGES = {
  extra: ['2011-04-29', '2012-06-05', '2022-06-03', '2022-09-19', '2023-05-08'],
  /** The usual day and the day it moved to. */
  moved: [
    ['2012-05-28', '2012-06-04'],
    ['2020-05-04', '2020-05-08'],
    ['2022-05-30', '2022-06-02'],
  ],
} as const;

export const BANK_HOLIDAYS_ENGLAND_WALES: readonly BankHoliday[] = [
  { date: '2010-01-01', name: "New Year's Day" },
  { date: '2010-04-02', name: 'Good Friday' },
  { date: '2010-04-05', name: 'Easter Monday' },
  { date: '2010-05-03', name: 'Early May bank holiday' },
  { date: '2010-05-31', name: 'Spring bank holiday' },
  { date: '2010-08-30', name: 'Summer bank holiday' },
  { date: '2010-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2010-12-28', name: 'Boxing Day (substitute day)' },

  { date: '2011-01-03', name: "New Year's Day (substitute day)" },
  { date: '2011-04-22', name: 'Good Friday' },
  { date: '2011-04-25', name: 'Easter Monday' },
  { date: '2011-04-29', name: 'Royal wedding' },
  { date: '2011-05-02', name: 'Early May bank holiday' },
  { date: '2011-05-30', name: 'Spring bank holiday' },
  { date: '2011-08-29', name: 'Summer bank holiday' },
  { date: '2011-12-26', name: 'Christmas Day (substitute day)' },
  { date: '2011-12-27', name: 'Boxing Day (substitute day)' },

  { date: '2012-01-02', name: "New Year's Day (substitute day)" },
  { date: '2012-04-06', name: 'Good Friday' },
  { date: '2012-04-09', name: 'Easter Monday' },
  { date: '2012-05-07', name: 'Early May bank holiday' },
  { date: '2012-06-04', name: 'Spring bank holiday (moved)' },
  { date: '2012-06-05', name: 'Queen’s Diamond Jubilee' },
  { date: '2012-08-27', name: 'Summer bank holiday' },
  { date: '2012-12-25', name: 'Christmas Day' },
  { date: '2012-12-26', name: 'Boxing Day' },

  { date: '2013-01-01', name: "New Year's Day" },
  { date: '2013-03-29', name: 'Good Friday' },
  { date: '2013-04-01', name: 'Easter Monday' },
  { date: '2013-05-06', name: 'Early May bank holiday' },
  { date: '2013-05-27', name: 'Spring bank holiday' },
  { date: '2013-08-26', name: 'Summer bank holiday' },
  { date: '2013-12-25', name: 'Christmas Day' },
  { date: '2013-12-26', name: 'Boxing Day' },

  { date: '2014-01-01', name: "New Year's Day" },
  { date: '2014-04-18', name: 'Good Friday' },
  { date: '2014-04-21', name: 'Easter Monday' },
  { date: '2014-05-05', name: 'Early May bank holiday' },
  { date: '2014-05-26', name: 'Spring bank holiday' },
  { date: '2014-08-25', name: 'Summer bank holiday' },
  { date: '2014-12-25', name: 'Christmas Day' },
  { date: '2014-12-26', name: 'Boxing Day' },

  { date: '2015-01-01', name: "New Year's Day" },
  { date: '2015-04-03', name: 'Good Friday' },
  { date: '2015-04-06', name: 'Easter Monday' },
  { date: '2015-05-04', name: 'Early May bank holiday' },
  { date: '2015-05-25', name: 'Spring bank holiday' },
  { date: '2015-08-31', name: 'Summer bank holiday' },
  { date: '2015-12-25', name: 'Christmas Day' },
  { date: '2015-12-28', name: 'Boxing Day (substitute day)' },

  { date: '2016-01-01', name: "New Year's Day" },
  { date: '2016-03-25', name: 'Good Friday' },
  { date: '2016-03-28', name: 'Easter Monday' },
  { date: '2016-05-02', name: 'Early May bank holiday' },
  { date: '2016-05-30', name: 'Spring bank holiday' },
  { date: '2016-08-29', name: 'Summer bank holiday' },
  { date: '2016-12-26', name: 'Boxing Day' },
  { date: '2016-12-27', name: 'Christmas Day (substitute day)' },

  { date: '2017-01-02', name: "New Year's Day (substitute day)" },
  { date: '2017-04-14', name: 'Good Friday' },
  { date: '2017-04-17', name: 'Easter Monday' },
  { date: '2017-05-01', name: 'Early May bank holiday' },
  { date: '2017-05-29', name: 'Spring bank holiday' },
  { date: '2017-08-28', name: 'Summer bank holiday' },
  { date: '2017-12-25', name: 'Christmas Day' },
  { date: '2017-12-26', name: 'Boxing Day' },

  { date: '2018-01-01', name: "New Year's Day" },
  { date: '2018-03-30', name: 'Good Friday' },
  { date: '2018-04-02', name: 'Easter Monday' },
  { date: '2018-05-07', name: 'Early May bank holiday' },
  { date: '2018-05-28', name: 'Spring bank holiday' },
  { date: '2018-08-27', name: 'Summer bank holiday' },
  { date: '2018-12-25', name: 'Christmas Day' },
  { date: '2018-12-26', name: 'Boxing Day' },

  { date: '2019-01-01', name: "New Year's Day" },
  { date: '2019-04-19', name: 'Good Friday' },
  { date: '2019-04-22', name: 'Easter Monday' },
  { date: '2019-05-06', name: 'Early May bank holiday' },
  { date: '2019-05-27', name: 'Spring bank holiday' },
  { date: '2019-08-26', name: 'Summer bank holiday' },
  { date: '2019-12-25', name: 'Christmas Day' },
  { date: '2019-12-26', name: 'Boxing Day' },

  { date: '2020-01-01', name: "New Year's Day" },
  { date: '2020-04-10', name: 'Good Friday' },
  { date: '2020-04-13', name: 'Easter Monday' },
  { date: '2020-05-08', name: 'Early May bank holiday (VE day)' },
  { date: '2020-05-25', name: 'Spring bank holiday' },
  { date: '2020-08-31', name: 'Summer bank holiday' },
  { date: '2020-12-25', name: 'Christmas Day' },
  { date: '2020-12-28', name: 'Boxing Day (substitute day)' },

  { date: '2021-01-01', name: "New Year's Day" },
  { date: '2021-04-02', name: 'Good Friday' },
  { date: '2021-04-05', name: 'Easter Monday' },
  { date: '2021-05-03', name: 'Early May bank holiday' },
  { date: '2021-05-31', name: 'Spring bank holiday' },
  { date: '2021-08-30', name: 'Summer bank holiday' },
  { date: '2021-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2021-12-28', name: 'Boxing Day (substitute day)' },

  { date: '2022-01-03', name: "New Year's Day (substitute day)" },
  { date: '2022-04-15', name: 'Good Friday' },
  { date: '2022-04-18', name: 'Easter Monday' },
  { date: '2022-05-02', name: 'Early May bank holiday' },
  { date: '2022-06-02', name: 'Spring bank holiday (moved)' },
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { date: '2022-08-29', name: 'Summer bank holiday' },
  { date: '2022-09-19', name: 'State Funeral of Queen Elizabeth II' },
  { date: '2022-12-26', name: 'Boxing Day' },
  { date: '2022-12-27', name: 'Christmas Day (substitute day)' },

  { date: '2023-01-02', name: "New Year's Day (substitute day)" },
  { date: '2023-04-07', name: 'Good Friday' },
  { date: '2023-04-10', name: 'Easter Monday' },
  { date: '2023-05-01', name: 'Early May bank holiday' },
  { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' },
  { date: '2023-05-29', name: 'Spring bank holiday' },
  { date: '2023-08-28', name: 'Summer bank holiday' },
  { date: '2023-12-25', name: 'Christmas Day' },
  { date: '2023-12-26', name: 'Boxing Day' },

  { date: '2024-01-01', name: "New Year's Day" },
  { date: '2024-03-29', name: 'Good Friday' },
  { date: '2024-04-01', name: 'Easter Monday' },
  { date: '2024-05-06', name: 'Early May bank holiday' },
  { date: '2024-05-27', name: 'Spring bank holiday' },
  { date: '2024-08-26', name: 'Summer bank holiday' },
  { date: '2024-12-25', name: 'Christmas Day' },
  { date: '2024-12-26', name: 'Boxing Day' },

  { date: '2025-01-01', name: "New Year's Day" },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-04-21', name: 'Easter Monday' },
  { date: '2025-05-05', name: 'Early May bank holiday' },
  { date: '2025-05-26', name: 'Spring bank holiday' },
  { date: '2025-08-25', name: 'Summer bank holiday' },
  { date: '2025-12-25', name: 'Christmas Day' },
  { date: '2025-12-26', name: 'Boxing Day' },

  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'Easter Monday' },
  { date: '2026-05-04', name: 'Early May bank holiday' },
  { date: '2026-05-25', name: 'Spring bank holiday' },
  { date: '2026-08-31', name: 'Summer bank holiday' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-28', name: 'Boxing Day (substitute day)' },

  { date: '2027-01-01', name: "New Year's Day" },
  { date: '2027-03-26', name: 'Good Friday' },
  { date: '2027-03-29', name: 'Easter Monday' },
  { date: '2027-05-03', name: 'Early May bank holiday' },
  { date: '2027-05-31', name: 'Spring bank holiday' },
  { date: '2027-08-30', name: 'Summer bank holiday' },
  { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
];
