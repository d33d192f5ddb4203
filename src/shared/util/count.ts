/** "1 page", "0 orders", "1,200 changes": the noun agrees with the count, never "page(s)". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}
