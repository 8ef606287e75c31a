/** URL slugs from Spanish names: "Jardines del Moral" → "jardines-del-moral", "Ñuu" → "nuu". */
export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return slug || "sin-nombre";
}

/**
 * Allocates slugs unique within one municipality: a taken slug gets the postal code, then a
 * counter. `taken` maps slug → the owner key already holding it, so re-imports keep their slug.
 */
export class SlugAllocator {
  private readonly byOwner = new Map<string, string>();
  constructor(private readonly taken: Map<string, string>) {
    for (const [slug, owner] of taken) this.byOwner.set(owner, slug);
  }

  allocate(name: string, ownerKey: string, qualifier?: string | null): string {
    const base = slugify(name);
    const previous = this.byOwner.get(ownerKey);
    if (previous && (previous === base || previous.startsWith(`${base}-`))) return previous;
    const candidates = [base, ...(qualifier ? [`${base}-${slugify(qualifier)}`] : [])];
    for (const candidate of candidates) if (this.claim(candidate, ownerKey)) return candidate;
    for (let n = 2; ; n++) {
      const candidate = `${candidates[candidates.length - 1]}-${n}`;
      if (this.claim(candidate, ownerKey)) return candidate;
    }
  }

  private claim(slug: string, ownerKey: string): boolean {
    const owner = this.taken.get(slug);
    if (owner !== undefined && owner !== ownerKey) return false;
    this.taken.set(slug, ownerKey);
    this.byOwner.set(ownerKey, slug);
    return true;
  }
}

const SMALL_WORDS = new Set(["de", "del", "la", "las", "los", "el", "y", "e", "en"]);

/** "EX HIPÓDROMO DE PERALVILLO" → "Ex Hipódromo de Peralvillo"; names already in mixed case are kept. */
export function titleCaseIfUpper(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (trimmed !== trimmed.toUpperCase()) return trimmed;
  return trimmed
    .toLocaleLowerCase("es-MX")
    .split(" ")
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.charAt(0).toLocaleUpperCase("es-MX") + w.slice(1)))
    .join(" ");
}
