const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words of a Chinese (or mixed) text, lower-cased: the units of full-text search. */
export function searchTokens(text: string): string[] {
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());
}

/** The searchable text of a product: its words, space-separated, plus the raw phrases for fuzzy matching. */
export function buildSearchText(parts: Array<string | null | undefined>): string {
  const phrases = parts.filter((p): p is string => Boolean(p && p.trim())).map((p) => p.trim());
  return [...phrases, ...phrases.flatMap(searchTokens)].join(' ');
}
