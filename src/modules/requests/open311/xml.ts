/**
 * A tiny XML writer for the Open311 documents: elements only (no attributes), UTF-8 declaration,
 * text escaped. Values map to elements in the order given: a list repeats its child element,
 * null writes an empty element (Open311 clients read `<account_id/>` as "no value").
 */
export type XmlValue = string | number | boolean | null | undefined | XmlChildren | XmlChildren[];
/** Child elements in order: [["service_code", "bache"], ["attributes", [...]]]. */
export type XmlChildren = readonly (readonly [string, XmlValue])[];

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Text content: the five XML specials escaped, and characters XML 1.0 forbids removed. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function isChildren(value: XmlValue): value is XmlChildren {
  return Array.isArray(value) && (value.length === 0 || Array.isArray(value[0]) && typeof value[0][0] === "string");
}

function writeElement(name: string, value: XmlValue, out: string[]): void {
  if (!NAME.test(name)) throw new Error(`Nombre de elemento XML inválido: ${name}`);
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    out.push(`<${name}/>`);
    return;
  }
  out.push(`<${name}>`);
  if (Array.isArray(value)) {
    if (isChildren(value)) writeChildren(value, out);
    else for (const group of value as XmlChildren[]) writeChildren(group, out);
  } else {
    out.push(escapeXml(String(value)));
  }
  out.push(`</${name}>`);
}

function writeChildren(children: XmlChildren, out: string[]): void {
  for (const [name, value] of children) writeElement(name, value, out);
}

/** A complete document: `<?xml version="1.0" encoding="UTF-8"?><root>…</root>`. */
export function xmlDocument(root: string, value: XmlValue): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  writeElement(root, value, out);
  return out.join("");
}

type Plain = string | number | boolean | null | undefined | Plain[] | { [key: string]: Plain };

/**
 * The XML children of a JSON-shaped record, keys in their order. A list's items are wrapped in
 * the element `itemNames[listKey]` (e.g. attributes → attribute, values → value).
 */
export function childrenOf(record: { [key: string]: Plain }, itemNames: Record<string, string>): XmlChildren {
  const convert = (key: string, value: Plain): XmlValue => {
    if (Array.isArray(value)) {
      const item = itemNames[key];
      if (!item) throw new Error(`Sin nombre de elemento para la lista ${key}`);
      return value.map((v) => [[item, convert(item, v)]] as XmlChildren);
    }
    if (value !== null && typeof value === "object") return childrenOf(value, itemNames);
    return value;
  };
  return Object.entries(record).map(([key, value]) => [key, convert(key, value)] as const);
}

/** A list document: `<root><item>…</item>…</root>` from JSON-shaped records. */
export function xmlList(root: string, item: string, records: { [key: string]: Plain }[], itemNames: Record<string, string> = {}): string {
  return xmlDocument(
    root,
    records.map((r) => [[item, childrenOf(r, itemNames)]] as XmlChildren),
  );
}
