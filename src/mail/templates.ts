import fs from 'node:fs';
import path from 'node:path';

import nunjucks from 'nunjucks';

/** A rendered message: the template's first line is the subject, the rest the body. */
export interface RenderedMail {
  subject: string;
  body: string;
}

/** `templates/` sits two folders above src/mail and three above dist/src/mail. */
function templatesFolder(): string {
  const candidates = ['../../templates', '../../../templates'].map((relative) =>
    path.resolve(__dirname, relative),
  );
  const found = candidates.find((folder) => fs.existsSync(path.join(folder, 'mail')));
  if (!found) throw new Error(`Mail templates not found in ${candidates.join(' or ')}`);
  return found;
}

let environment: nunjucks.Environment | null = null;

/** Renders `templates/mail/<name>.njk` as plain text (no HTML escaping). */
export function renderMail(name: string, context: Record<string, unknown>): RenderedMail {
  environment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesFolder()), {
    autoescape: false,
    throwOnUndefined: true,
  });
  const text = environment.render(`mail/${name}.njk`, context);
  const newline = text.indexOf('\n');
  return { subject: text.slice(0, newline).trim(), body: text.slice(newline + 1).trim() };
}
