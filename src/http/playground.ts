import { createReadStream } from 'node:fs';
import path from 'node:path';

import Router from '@koa/router';

/**
 * GraphiQL served from our own node_modules, so the playground works without internet
 * access (Apollo's default landing page loads from a CDN).
 */
const ASSETS: Record<string, { module: string; file: string; type: string }> = {
  'react.js': {
    module: 'react',
    file: 'umd/react.production.min.js',
    type: 'application/javascript',
  },
  'react-dom.js': {
    module: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'application/javascript',
  },
  'graphiql.js': { module: 'graphiql', file: 'graphiql.min.js', type: 'application/javascript' },
  'graphiql.css': { module: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

function assetPath(module: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${module}/package.json`)), file);
}

function page(rootPath: string): string {
  const assets = `${rootPath}/playground/assets`;
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>NPP — GraphQL</title>
  <link rel="stylesheet" href="${assets}/graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Chargement…</div>
  <script src="${assets}/react.js"></script>
  <script src="${assets}/react-dom.js"></script>
  <script src="${assets}/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '${rootPath}/graphql' });
    const defaultQuery = '# Connectez-vous (mutation login), puis ajoutez l\\'en-tête\\n' +
      '# { "Authorization": "Bearer <jeton>" } dans l\\'onglet Headers.\\n' +
      '{\\n  health { status nomenclature { version counts { nomenclature nonRenouvele retrait } } }\\n}\\n';
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery, shouldPersistHeaders: true }),
    );
  </script>
</body>
</html>`;
}

/** `GET /playground` (and `GET /graphql` from a browser) serve GraphiQL. */
export function playgroundRoutes(rootPath: string): Router {
  const router = new Router();
  const html = page(rootPath);

  router.get('/playground', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = html;
  });
  router.get('/playground/assets/:name', (ctx) => {
    const asset = ASSETS[ctx.params.name];
    if (!asset) return;
    ctx.type = asset.type;
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = createReadStream(assetPath(asset.module, asset.file));
  });
  return router;
}

/** Checks whether a GET on /graphql comes from a browser that expects the playground page. */
export function wantsPlayground(accept: string | undefined, query: string): boolean {
  return !query && Boolean(accept?.includes('text/html'));
}
