//! Dates with honest precision: `2020-04-23`, `2021-07` or `2013`, as much as is known.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

/// How a date is worded at each precision, with `{day}`, `{month}` and `{year}` standing for its
/// numbers without leading zeros. Render makes it from the `date` component of
/// `templates/components.html` (`render::Site::date_formats`), so the wording has one home, and
/// the build ships it to the search client in the index's manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateFormats {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// A calendar date known to the year, the month or the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the error says what is wrong in words.
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let shape = "expected YYYY-MM-DD, YYYY-MM or YYYY";
        let parts: Vec<&str> = text.trim().split('-').collect();
        let digits = |part: &str, width: usize| part.len() == width && part.bytes().all(|b| b.is_ascii_digit());
        let widths_fit = match parts.as_slice() {
            [year] => digits(year, 4),
            [year, month] => digits(year, 4) && digits(month, 2),
            [year, month, day] => digits(year, 4) && digits(month, 2) && digits(day, 2),
            _ => false,
        };
        if !widths_fit {
            return Err(format!("invalid date `{text}`: {shape}"));
        }
        let number = |part: &str| part.parse::<i16>().unwrap_or_default();
        let year = number(parts[0]);
        if year < 1 {
            return Err(format!("invalid date `{text}`: there is no year 0"));
        }
        let month = parts.get(1).map(|part| number(part) as i8);
        let day = parts.get(2).map(|part| number(part) as i8);
        match (month, day) {
            (Some(month), None) if !(1..=12).contains(&month) => {
                Err(format!("invalid date `{text}`: month {month} does not exist"))
            }
            (Some(month), Some(day)) => match Date::new(year, month, day) {
                Ok(_) => Ok(PartialDate { year, month: Some(month), day: Some(day) }),
                Err(_) if !(1..=12).contains(&month) => {
                    Err(format!("invalid date `{text}`: month {month} does not exist"))
                }
                Err(_) => Err(format!("invalid date `{text}`: {year}-{month:02} has no day {day}")),
            },
            _ => Ok(PartialDate { year, month, day }),
        }
    }

    /// The ISO form with the known precision, as used in `<time datetime>`.
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// The first day the date covers, in ISO form: `2021-07-01` for July 2021. Feeds and the STIX
    /// export need a full date and take this one.
    pub fn first_day(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_precision_parses_and_prints_back() {
        for text in ["2013", "2021-07", "2020-04-23", "2024-02-29"] {
            assert_eq!(PartialDate::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(PartialDate::parse("2021-13-40").unwrap_err(), "invalid date `2021-13-40`: month 13 does not exist");
        assert_eq!(PartialDate::parse("2023-02-29").unwrap_err(), "invalid date `2023-02-29`: 2023-02 has no day 29");
        assert!(PartialDate::parse("23/4/2020").unwrap_err().contains("expected YYYY-MM-DD"));
        assert!(PartialDate::parse("2021-7").is_err());
    }

    #[test]
    fn later_dates_sort_after_earlier_and_coarser_ones() {
        let year = PartialDate::parse("2021").unwrap();
        let month = PartialDate::parse("2021-07").unwrap();
        let day = PartialDate::parse("2021-07-20").unwrap();
        assert!(year < month && month < day);
    }
}
