import type { EntityManager } from '@mikro-orm/knex';

import { DataGeneration } from '../core/generation';
import { foldWords } from '../core/text';
import { Categorie } from '../import/workbook.types';

interface Vocabulary {
  /** Folded word to how many rows use it. */
  frequency: Map<string, number>;
  /** Words grouped by first letter, to keep the edit-distance scan short. */
  byInitial: Map<string, string[]>;
}

const MAX_SUGGESTIONS = 5;
const MIN_WORD_LENGTH = 3;

/**
 * Suggests close spellings when a search finds nothing: each query word that starts no
 * known word is compared with the words of DCI, brand and laboratory names of the version
 * (Damerau-Levenshtein distance, at most 1 for short words and 2 from 7 letters on).
 */
export class SuggestionService {
  private vocabularies = new Map<string, Promise<Vocabulary>>();
  private generationSeen = -1;

  constructor(private readonly generation: DataGeneration) {}

  async suggest(
    em: EntityManager,
    version: string,
    query: string,
    showRetraits: boolean,
  ): Promise<string[]> {
    const vocabulary = await this.vocabulary(em, version, showRetraits);
    const candidates = new Map<string, number>();
    for (const word of foldWords(query)) {
      if (word.length < MIN_WORD_LENGTH || startsKnownWord(vocabulary, word)) continue;
      for (const [candidate, distance] of closeWords(vocabulary, word)) {
        candidates.set(candidate, Math.min(distance, candidates.get(candidate) ?? Infinity));
      }
    }
    return [...candidates.entries()]
      .sort(([wordA, distanceA], [wordB, distanceB]) => {
        if (distanceA !== distanceB) return distanceA - distanceB;
        return (vocabulary.frequency.get(wordB) ?? 0) - (vocabulary.frequency.get(wordA) ?? 0);
      })
      .slice(0, MAX_SUGGESTIONS)
      .map(([word]) => word);
  }

  private vocabulary(
    em: EntityManager,
    version: string,
    showRetraits: boolean,
  ): Promise<Vocabulary> {
    if (this.generationSeen !== this.generation.value) {
      this.vocabularies.clear();
      this.generationSeen = this.generation.value;
    }
    const key = `${version}:${showRetraits}`;
    let vocabulary = this.vocabularies.get(key);
    if (!vocabulary) {
      vocabulary = loadVocabulary(em, version, showRetraits);
      this.vocabularies.set(key, vocabulary);
      vocabulary.catch(() => this.vocabularies.delete(key));
    }
    return vocabulary;
  }
}

async function loadVocabulary(
  em: EntityManager,
  version: string,
  showRetraits: boolean,
): Promise<Vocabulary> {
  const query = em
    .getKnex()('medicament')
    .select('dci', 'nom_marque', 'laboratoire')
    .where('version', version)
    .whereNull('deleted_at');
  if (!showRetraits) query.whereNot('categorie', Categorie.RETRAIT);
  const rows: { dci: string | null; nom_marque: string | null; laboratoire: string | null }[] =
    await query;

  const frequency = new Map<string, number>();
  for (const row of rows) {
    for (const word of foldWords(
      `${row.dci ?? ''} ${row.nom_marque ?? ''} ${row.laboratoire ?? ''}`,
    )) {
      if (word.length >= MIN_WORD_LENGTH && !/^\d/.test(word)) {
        frequency.set(word, (frequency.get(word) ?? 0) + 1);
      }
    }
  }
  const byInitial = new Map<string, string[]>();
  for (const word of frequency.keys()) {
    const group = byInitial.get(word[0]) ?? [];
    group.push(word);
    byInitial.set(word[0], group);
  }
  return { frequency, byInitial };
}

function startsKnownWord(vocabulary: Vocabulary, prefix: string): boolean {
  return (vocabulary.byInitial.get(prefix[0]) ?? []).some((word) => word.startsWith(prefix));
}

function closeWords(vocabulary: Vocabulary, word: string): [string, number][] {
  const maxDistance = word.length >= 7 ? 2 : 1;
  const found: [string, number][] = [];
  // A typo in the first letter is rare enough that scanning only the same initial is worth it.
  for (const candidate of vocabulary.byInitial.get(word[0]) ?? []) {
    if (Math.abs(candidate.length - word.length) > maxDistance) continue;
    const distance = editDistance(word, candidate, maxDistance);
    if (distance <= maxDistance) found.push([candidate, distance]);
  }
  return found;
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previousPrevious[j - 2] + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return rowMinimum;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length];
}
