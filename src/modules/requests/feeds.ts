/**
 * RSS 2.0 and Atom 1.0 documents of public request activity (new requests, status changes,
 * public updates, merges). Items are built from PublicActivity — folio, service, colonia, public
 * text — so a feed can carry nothing a folio page does not already show.
 */
export interface FeedItem {
  /** Globally unique and stable: a tag URI. */
  id: string;
  title: string;
  link: string;
  summary: string;
  updated: Date;
}

export interface Feed {
  title: string;
  description: string;
  /** The HTML page the feed belongs to (absolute). */
  link: string;
  /** The feed's own URL (absolute). */
  self: string;
  /** Stable feed id (a tag URI). */
  id: string;
  items: FeedItem[];
}

const XML_CHARS = /[&<>"']/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
// Characters XML 1.0 forbids outright (control characters other than tab, newline, carriage return).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(FORBIDDEN, "").replace(XML_CHARS, (c) => ENTITIES[c]!);
}

/** A tag URI (RFC 4151) from the site's host: ids that survive a change of URL scheme. */
export function tagUri(publicUrl: string, specific: string): string {
  const host = new URL(publicUrl).hostname;
  return `tag:${host},2026:${specific}`;
}

export function rssFeed(feed: Feed): string {
  const items = feed.items
    .map(
      (i) => `    <item>
      <title>${xmlEscape(i.title)}</title>
      <link>${xmlEscape(i.link)}</link>
      <guid isPermaLink="false">${xmlEscape(i.id)}</guid>
      <pubDate>${i.updated.toUTCString()}</pubDate>
      <description>${xmlEscape(i.summary)}</description>
    </item>`,
    )
    .join("\n");
  const updated = feed.items[0]?.updated ?? new Date(0);
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xmlEscape(feed.title)}</title>
    <link>${xmlEscape(feed.link)}</link>
    <description>${xmlEscape(feed.description)}</description>
    <language>es-MX</language>
    <lastBuildDate>${updated.toUTCString()}</lastBuildDate>
    <atom:link href="${xmlEscape(feed.self)}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}

export function atomFeed(feed: Feed): string {
  const updated = (feed.items[0]?.updated ?? new Date(0)).toISOString();
  const entries = feed.items
    .map(
      (i) => `  <entry>
    <title>${xmlEscape(i.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(i.link)}"/>
    <id>${xmlEscape(i.id)}</id>
    <updated>${i.updated.toISOString()}</updated>
    <summary type="text">${xmlEscape(i.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es-MX">
  <title>${xmlEscape(feed.title)}</title>
  <subtitle>${xmlEscape(feed.description)}</subtitle>
  <link rel="alternate" type="text/html" href="${xmlEscape(feed.link)}"/>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>
  <id>${xmlEscape(feed.id)}</id>
  <updated>${updated}</updated>
  <author><name>Cabildo</name></author>
${entries}
</feed>
`;
}
