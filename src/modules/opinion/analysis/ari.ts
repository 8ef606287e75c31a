/**
 * Adjusted Rand index (Hubert & Arabie 1985) between two labellings of the same items:
 * 1 for identical partitions (whatever the label names), about 0 for chance agreement.
 */
export function adjustedRandIndex(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new RangeError("adjustedRandIndex: las dos particiones deben tener el mismo largo");
  const n = a.length;
  if (n < 2) return 1;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const c of table.values()) index += pairs(c);
  let sumRows = 0;
  for (const c of rows.values()) sumRows += pairs(c);
  let sumCols = 0;
  for (const c of cols.values()) sumCols += pairs(c);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  // Both partitions are all-in-one or all-singletons: they agree perfectly.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
