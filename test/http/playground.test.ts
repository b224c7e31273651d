import { startTestServer, TestServer } from '../support/server';

/** Asset URLs of the page: `src` of scripts and `href` of style sheets. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
    (match) => match[1],
  );
}

/** The playground must work without internet access: everything comes from the app. */
describe('GET /playground', () => {
  let server: TestServer;
  let html: string;
  let contentType: string | null;

  beforeAll(async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/playground`);
    html = await response.text();
    contentType = response.headers.get('content-type');
  });

  afterAll(async () => {
    await server.close();
  });

  it('returns an HTML page', () => {
    expect(contentType).toContain('text/html');
    expect(html).toContain('<div id="graphiql">');
  });

  it('references no other host', () => {
    const externalUrls = html.match(/(?:https?:)?\/\/[^\s"'<>)]+/g) ?? [];

    expect(externalUrls).toEqual([]);
  });

  it('serves each asset it references', async () => {
    const urls = assetUrls(html);

    const statuses = await Promise.all(
      urls.map(async (url) => {
        const response = await fetch(new URL(url, server.url));
        await response.arrayBuffer();
        return [url, response.status];
      }),
    );

    expect(urls.length).toBeGreaterThanOrEqual(4);
    expect(statuses).toEqual(urls.map((url) => [url, 200]));
  });

  it('serves assets that load nothing from other hosts', async () => {
    const urls = assetUrls(html).filter((url) => url.endsWith('.css'));

    const styles = await Promise.all(
      urls.map(async (url) => (await fetch(new URL(url, server.url))).text()),
    );

    const remoteImports = styles.flatMap(
      (css) => css.match(/@import\s+url\(\s*["']?https?:/g) ?? [],
    );
    expect(urls.length).toBeGreaterThan(0);
    expect(remoteImports).toEqual([]);
  });

  it('points GraphiQL at /graphql', () => {
    expect(html).toContain("url: '/graphql'");
  });

  it('redirects a browser from GET /graphql', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/playground');
  });
});
