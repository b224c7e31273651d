import { formatNumber, markdownTable, textTable } from './format';
import type { ImportBenchResult } from './import-bench';
import type { MachineInfo } from './machine';
import { headers, ReportRow, reportRows } from './report-rows';
import { BUSY_MACHINE_CORES, LoadOptions, ScenarioOutcome } from './scenario-runner';

/** Import targets: wall time of the import call, and peak RSS of the importing process. */
export const IMPORT_TARGET_MS = 3000;
export const IMPORT_TARGET_RSS_MB = 300;

export interface BenchReport {
  startedAt: Date;
  /** 1-minute load average before the bench started; null off Linux. */
  loadAverageAtStart: number | null;
  commit: string;
  machine: MachineInfo;
  workbook: string;
  serverLogLevel: string;
  load: LoadOptions;
  importBench: ImportBenchResult | null;
  outcomes: ScenarioOutcome[];
}

function consoleSection(title: string, kind: 'throughput' | 'timed', rows: ReportRow[]): string {
  const header = [title, ...headers(kind, 'en-US')];
  return textTable(
    header,
    rows.map((row) => [row.scenario, ...row.cells]),
  );
}

/** Formats the scenario results for the terminal, in English, problems listed last. */
export function consoleTable(outcomes: ScenarioOutcome[]): string {
  const throughput = reportRows(outcomes, 'throughput', 'en-US');
  const timed = reportRows(outcomes, 'timed', 'en-US');
  const sections: string[] = [];
  if (throughput.length) sections.push(consoleSection('scenario', 'throughput', throughput));
  if (timed.length) sections.push(consoleSection('timed scenario', 'timed', timed));

  const notes = [...throughput, ...timed]
    .filter((row) => row.note)
    .map((row) => `  ${row.scenario}: ${row.note}`);
  if (notes.length) sections.push(`Problems:\n${notes.join('\n')}`);
  return sections.join('\n\n');
}

/** Formats the import figures for the terminal, in English. */
export function consoleImportSummary(result: ImportBenchResult): string {
  const seconds = (ms: number) => `${formatNumber(ms / 1000, 2, 'en-US')} s`;
  const megabytes = (mb: number) => `${formatNumber(mb, 0, 'en-US')} MB`;
  return [
    `import (${result.runs.length} runs, ${result.runs[0].rows} rows): median ${seconds(result.medianMs)}, ` +
      `max ${seconds(result.maxMs)} (target ≤ ${IMPORT_TARGET_MS / 1000} s)`,
    `peak RSS: median ${megabytes(result.medianRssMB)}, max ${megabytes(result.maxRssMB)} ` +
      `(target < ${IMPORT_TARGET_RSS_MB} MB); ${megabytes(result.medianRssBeforeMB)} before the import call`,
  ].join('\n');
}

function markdownImport(result: ImportBenchResult): string {
  const seconds = (ms: number) => `${formatNumber(ms / 1000, 2, 'fr-FR')} s`;
  const megabytes = (mb: number) => `${formatNumber(mb, 0, 'fr-FR')} Mo`;
  const first = result.runs[0];
  const runs = result.runs.length === 1 ? '1 import' : `${result.runs.length} imports`;
  return [
    `${runs}, chacun dans un processus neuf et une base SQLite vide : ` +
      `${formatNumber(first.rows, 0, 'fr-FR')} lignes, ${formatNumber(first.warnings, 0, 'fr-FR')} anomalies, version ${first.version}.`,
    '',
    markdownTable(
      ['Mesure', 'Médiane', 'Max', 'Cible'],
      [
        [
          "Durée de l'appel `importFile`",
          seconds(result.medianMs),
          seconds(result.maxMs),
          `≤ ${IMPORT_TARGET_MS / 1000} s`,
        ],
        [
          'Pic de mémoire du processus (`maxRSS`, Mo = 10⁶ octets)',
          megabytes(result.medianRssMB),
          megabytes(result.maxRssMB),
          `< ${IMPORT_TARGET_RSS_MB} Mo`,
        ],
        [
          "Mémoire avant l'appel (code chargé, base ouverte)",
          megabytes(result.medianRssBeforeMB),
          '—',
          '—',
        ],
      ],
    ),
  ].join('\n');
}

function markdownHeader(report: BenchReport): string[] {
  const { machine, load } = report;
  const loadAverage =
    report.loadAverageAtStart === null
      ? 'inconnue'
      : formatNumber(report.loadAverageAtStart, 2, 'fr-FR');
  return [
    `## Mesures du ${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- Machine : ${machine.cpuModel}, ${machine.cores} cœurs, ${formatNumber(machine.memoryGiB, 1, 'fr-FR')} Gio de mémoire, ${machine.os}.`,
    `- Logiciels : Node ${machine.node}, ${machine.sqlite}, ${machine.wrk}.`,
    `- Charge moyenne (1 min) de la machine avant la mesure : ${loadAverage}.`,
    `- Code : commit ${report.commit} (le répertoire de travail peut contenir des modifications non commitées).`,
    `- Génération de charge : \`wrk -t${load.threads} -c${load.connections} -d${load.durationSeconds}s --latency\`, après ${load.warmupSeconds} s d'échauffement, ` +
      `mesure refaite jusqu'à ${load.busyRetries} fois si d'autres processus occupent plus de ${formatNumber(BUSY_MACHINE_CORES, 2, 'fr-FR')} cœur ; ` +
      `serveur \`NODE_ENV=production\`, \`LOG_LEVEL=${report.serverLogLevel}\`, journal écrit dans un fichier, SQLite dans un répertoire temporaire.`,
  ];
}

function markdownSection(title: string, kind: 'throughput' | 'timed', rows: ReportRow[]): string[] {
  const table = markdownTable(
    ['Scénario', ...headers(kind, 'fr-FR')],
    rows.map((row) => [`\`${row.scenario}\``, ...row.cells]),
  );
  return ['', `### ${title}`, '', table];
}

/** Formats the whole report as Markdown, in French like BENCHMARKS.md, to paste there. */
export function markdownReport(report: BenchReport): string {
  const throughput = reportRows(report.outcomes, 'throughput', 'fr-FR');
  const timed = reportRows(report.outcomes, 'timed', 'fr-FR');
  const sections = [
    ...markdownHeader(report),
    '',
    '### Import',
    '',
    report.importBench
      ? markdownImport(report.importBench)
      : 'Import non mesuré (option `--import-runs 0`).',
  ];
  if (throughput.length) sections.push(...markdownSection('Requêtes', 'throughput', throughput));
  if (timed.length) sections.push(...markdownSection('Requêtes longues', 'timed', timed));

  const notes = [...throughput, ...timed].filter((row) => row.note);
  if (notes.length) {
    sections.push(
      '',
      'Problèmes :',
      '',
      ...notes.map((row) => `- \`${row.scenario}\` : ${row.note}`),
    );
  }
  sections.push(
    '',
    'Scénarios :',
    '',
    ...report.outcomes.map(({ scenario }) => `- \`${scenario.name}\` : ${scenario.description}`),
  );
  return `${sections.join('\n')}\n`;
}
