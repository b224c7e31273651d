/** Lower-case words of a text without accents, split on anything but letters and digits. */
export function plainWords(text: string | null | undefined): string[] {
  return (text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether every word of `query` starts a word of one of `values`, ignoring accents and case. */
export function matchesEveryWord(query: string, ...values: (string | null | undefined)[]): boolean {
  const words = values.flatMap(plainWords);
  return plainWords(query).every((prefix) => words.some((word) => word.startsWith(prefix)));
}
