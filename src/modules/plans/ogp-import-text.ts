/**
 * Text from OGP's sheet as Cabildo stores it. OGP's action-plan template asks for the contact
 * of the responsible person, so many "Full Text" cells end with officials' and activists'
 * e-mail addresses and telephone numbers. Cabildo never publishes personal contact data, so
 * they are replaced by a marker (names in their public role stay, as in the official plan); the
 * commitment's page on OGP, linked from every imported commitment, has the original.
 */

export const EMAIL_MARK = "[correo omitido]";
export const PHONE_MARK = "[teléfono omitido]";

/** Also "name©domain.com", a way of writing an address that some cells use against harvesters. */
const EMAIL = /[A-Za-z0-9._%+-]+[@©][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** "+996 312 638783", "(+225) 22 47 95 00", "+31(0)6-14796822": an international number. */
const INTERNATIONAL = /\(?\+\d[\d \t().\/-]{6,}\d/g;
/** A number right after "Tel:", "Phone", "Teléfono", "Fax"… */
const AFTER_LABEL = /\b(tel|tél|telephone|phone|tel[eé]fono|fax|mob|mobile|m[oó]vil|cel|celular)\b([^\d\n]{0,12})(\d[\d \t().\/-]{5,}\d)/gi;
/** "(61) 3216-2010": an area code in parentheses. */
const AREA_CODE = /\(\d{2,3}\)[ \t]?(\d{3,5})[ -]?\d{4}(?:\/\d{2,4})?\b/g;
/** "02/3112-255", "0773 769329", "011-40-30-319", "00212 5 37 67": a number dialled with a leading 0. */
const LEADING_ZERO = /(?<![\w\/.,-])0\d*(?:[ \t\/.)-]{1,2}\d+){0,5}/g;
/**
 * Numeric dates and periods ("01.2023 04.2023", "15/02/2022") also start with 0: a year among the
 * groups rules them out; so does "No." before it (a session or file number).
 */
const YEAR = /^(19|20)\d{2}$/;
const NUMBER_SIGN = /(?:\bno\.?|n\.?\s?[º°]|\bnúm\.?|\bnúmero|\bnumber)\s*$/i;

const digits = (s: string) => s.replace(/\D/g, "").length;
const hasYearGroup = (s: string) => s.split(/\D+/).some((group) => YEAR.test(group));

/** The text without e-mail addresses and telephone numbers. */
export function withoutContactData(text: string): string {
  return text
    .replace(EMAIL, EMAIL_MARK)
    .replace(INTERNATIONAL, (m) => (digits(m) >= 7 ? PHONE_MARK : m))
    .replace(AFTER_LABEL, (m, label: string, between: string, number: string) => (digits(number) >= 6 ? `${label}${between}${PHONE_MARK}` : m))
    .replace(AREA_CODE, (m, middle: string) => (YEAR.test(middle) ? m : PHONE_MARK))
    .replace(LEADING_ZERO, (m, at: number, whole: string) =>
      digits(m) >= 8 && !hasYearGroup(m) && !NUMBER_SIGN.test(whole.slice(Math.max(0, at - 12), at)) ? PHONE_MARK : m,
    );
}

/** One line, single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** At most `max` characters, cut at a word boundary with an ellipsis when longer. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "NA", "N/A" and empty cells: OGP's way of writing "nothing here". */
export function isBlank(value: string | undefined): boolean {
  const v = (value ?? "").trim().toLowerCase();
  return v === "" || v === "na" || v === "n/a";
}
