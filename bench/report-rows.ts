import { formatMs, formatNumber, Locale } from './format';
import type { Scenario } from './scenario';
import { BUSY_MACHINE_CORES, CpuFigures, ScenarioOutcome } from './scenario-runner';
import type { TimedResult } from './timed-runner';
import type { WrkResult } from './wrk';

/** One table row as text cells, plus the problems to list under the table. */
export interface ReportRow {
  scenario: string;
  cells: string[];
  note: string;
}

const THROUGHPUT_HEADERS: Record<Locale, string[]> = {
  'en-US': [
    'req/s',
    'p50',
    'p99',
    'target',
    'of target',
    'vs predecessor',
    'server CPU/req',
    'cores server/wrk/other',
  ],
  'fr-FR': [
    'req/s',
    'p50',
    'p99',
    'Cible (req/s)',
    'Part de la cible',
    'Rapport au prédécesseur',
    'CPU serveur par requête',
    'Cœurs serveur / wrk / autres',
  ],
};

const TIMED_HEADERS: Record<Locale, string[]> = {
  'en-US': [
    'requests',
    'median',
    'max',
    'response size',
    'server RSS before',
    'server peak RSS',
    'RSS growth',
    'target (median / growth)',
  ],
  'fr-FR': [
    'Requêtes',
    'Médiane',
    'Max',
    'Taille de la réponse',
    'RSS serveur avant',
    'Pic RSS serveur',
    'Croissance du RSS',
    'Cible (médiane / croissance)',
  ],
};

/** Column titles after the scenario name, for throughput or timed scenarios. */
export function headers(kind: 'throughput' | 'timed', locale: Locale): string[] {
  return kind === 'timed' ? TIMED_HEADERS[locale] : THROUGHPUT_HEADERS[locale];
}

function notMeasured(locale: Locale): string {
  return locale === 'fr-FR' ? 'non mesuré' : 'not measured';
}

/** Problems of a wrk run: failed responses, or a machine busy with other work. */
function runNotes(
  wrk: WrkResult,
  cpu: CpuFigures | null,
  attempts: number,
  locale: Locale,
): string[] {
  const french = locale === 'fr-FR';
  const notes: string[] = [];
  if (wrk.failures + wrk.non2xx + wrk.socketErrors > 0) {
    const first = wrk.firstFailure ? wrk.firstFailure.slice(0, 120) : null;
    notes.push(
      french
        ? `${wrk.failures} réponses en échec, ${wrk.non2xx} hors 2xx, ${wrk.socketErrors} erreurs de socket` +
            (first ? ` ; première : ${first}` : '')
        : `${wrk.failures} failed responses, ${wrk.non2xx} non-2xx, ${wrk.socketErrors} socket errors` +
            (first ? `; first: ${first}` : ''),
    );
  }
  if (cpu && cpu.otherCores > BUSY_MACHINE_CORES) {
    const cores = formatNumber(cpu.otherCores, 2, locale);
    notes.push(
      french
        ? `d'autres processus ont occupé ${cores} cœur(s) pendant la mesure : le débit est sous-estimé`
        : `other processes used ${cores} cores during the run, so req/s is underestimated`,
    );
  }
  if (attempts > 1) {
    notes.push(
      french
        ? `${attempts} mesures faites, la moins perturbée est gardée`
        : `${attempts} runs made, the least disturbed one is kept`,
    );
  }
  return notes;
}

function throughputCells(
  scenario: Scenario,
  wrk: WrkResult,
  cpu: CpuFigures | null,
  locale: Locale,
): string[] {
  const rps = wrk.requestsPerSecond;
  const { targetRps, predecessorRps } = scenario;
  const cores = cpu
    ? [cpu.serverCores, cpu.wrkCores, cpu.otherCores]
        .map((value) => (value === null ? '?' : formatNumber(value, 2, locale)))
        .join(' / ')
    : '—';
  return [
    formatNumber(rps, 0, locale),
    formatMs(wrk.p50Ms, locale),
    formatMs(wrk.p99Ms, locale),
    targetRps === null ? '—' : formatNumber(targetRps, 0, locale),
    targetRps === null ? '—' : `${formatNumber((100 * rps) / targetRps, 0, locale)} %`,
    predecessorRps === null ? '—' : `× ${formatNumber(rps / predecessorRps, 1, locale)}`,
    cpu ? formatMs(cpu.serverMsPerRequest, locale) : '—',
    cores,
  ];
}

/** Sizes in kB below 1 MB, else in MB (decimal units, `ko` and `Mo` in French). */
function formatBytes(bytes: number, locale: Locale): string {
  const french = locale === 'fr-FR';
  if (bytes < 1e6) return `${formatNumber(bytes / 1e3, 1, locale)} ${french ? 'ko' : 'kB'}`;
  return `${formatNumber(bytes / 1e6, 1, locale)} ${french ? 'Mo' : 'MB'}`;
}

/** Peak RSS minus RSS before the requests, in MB; null when either is unknown. */
function rssGrowthMB(timed: TimedResult): number | null {
  return timed.peakRssMB === null || timed.rssBeforeMB === null
    ? null
    : timed.peakRssMB - timed.rssBeforeMB;
}

function timedCells(scenario: Scenario, timed: TimedResult, locale: Locale): string[] {
  const megabytes = (value: number | null) =>
    value === null ? '—' : `${formatNumber(value, 0, locale)} ${locale === 'fr-FR' ? 'Mo' : 'MB'}`;
  const target = [
    scenario.targetMs === undefined ? '—' : `< ${formatMs(scenario.targetMs, locale)}`,
    scenario.targetRssGrowthMB === undefined ? '—' : `< ${megabytes(scenario.targetRssGrowthMB)}`,
  ].join(' / ');
  return [
    String(timed.durationsMs.length),
    formatMs(timed.medianMs, locale),
    formatMs(timed.maxMs, locale),
    formatBytes(timed.bytes, locale),
    megabytes(timed.rssBeforeMB),
    megabytes(timed.peakRssMB),
    megabytes(rssGrowthMB(timed)),
    target,
  ];
}

/** Targets a timed scenario missed, as notes under the table. */
function timedNotes(scenario: Scenario, timed: TimedResult, locale: Locale): string[] {
  const french = locale === 'fr-FR';
  const notes: string[] = [];
  if (scenario.targetMs !== undefined && timed.medianMs >= scenario.targetMs) {
    notes.push(french ? 'médiane au-dessus de la cible' : 'median over target');
  }
  const growth = rssGrowthMB(timed);
  if (
    scenario.targetRssGrowthMB !== undefined &&
    growth !== null &&
    growth >= scenario.targetRssGrowthMB
  ) {
    notes.push(french ? 'croissance du RSS au-dessus de la cible' : 'RSS growth over target');
  }
  return notes;
}

/** Rows of the scenarios of one kind, in run order. */
export function reportRows(
  outcomes: ScenarioOutcome[],
  kind: 'throughput' | 'timed',
  locale: Locale,
): ReportRow[] {
  const columnCount = headers(kind, locale).length;
  const separator = locale === 'fr-FR' ? ' ; ' : '; ';
  return outcomes
    .filter((outcome) => (outcome.scenario.kind ?? 'throughput') === kind)
    .map((outcome): ReportRow => {
      const scenario = outcome.scenario.name;
      switch (outcome.status) {
        case 'measured':
          return {
            scenario,
            cells: throughputCells(outcome.scenario, outcome.wrk, outcome.cpu, locale),
            note: runNotes(outcome.wrk, outcome.cpu, outcome.attempts, locale).join(separator),
          };
        case 'timed':
          return {
            scenario,
            cells: timedCells(outcome.scenario, outcome.timed, locale),
            note: timedNotes(outcome.scenario, outcome.timed, locale).join(separator),
          };
        case 'aborted':
          return {
            scenario,
            cells: [notMeasured(locale), ...Array<string>(columnCount - 1).fill('—')],
            note: outcome.reason,
          };
      }
    });
}
