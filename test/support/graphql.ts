import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { ClientError } from 'graphql-request';

import type { TestServer } from './server';

/** One error of a GraphQL response, as clients read it. */
export interface ResponseError {
  message: string;
  extensions: Record<string, unknown>;
}

/**
 * Awaits a graphql-request call that must fail, checks that its first error carries `code`,
 * and returns that error so that the test can check the rest.
 */
export async function expectGraphQLError(
  request: Promise<unknown>,
  code: string,
): Promise<ResponseError> {
  const caught = await request.then(
    (data) => new Error(`expected a ${code} error, got data ${JSON.stringify(data)}`),
    (error: unknown) => error,
  );
  if (!(caught instanceof ClientError)) throw caught;
  const [first] = (caught.response.errors ?? []) as unknown as ResponseError[];
  expect(first?.extensions?.code).toBe(code);
  return first;
}

export interface MultipartFile {
  /** Path of the file to send; its base name becomes the file name. */
  filePath: string;
}

export interface MultipartOptions<Variables> {
  variables: Omit<Variables, 'file'>;
  file: MultipartFile;
  token?: string;
}

export interface MultipartResponse<Data> {
  status: number;
  data?: Data | null;
  errors?: ResponseError[];
}

/**
 * Sends an operation with one file per the GraphQL multipart request spec: an `operations`
 * part with `variables.file` set to null, a `map` part that points file part `0` at that
 * variable, then the file. `apollo-require-preflight` gets it past Apollo's CSRF check.
 */
export async function multipartRequest<Data, Variables>(
  server: TestServer,
  document: TypedDocumentNode<Data, Variables>,
  options: MultipartOptions<Variables>,
): Promise<MultipartResponse<Data>> {
  const operations = { query: print(document), variables: { ...options.variables, file: null } };
  const form = new FormData();
  form.append('operations', JSON.stringify(operations));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  const content = await readFile(options.file.filePath);
  form.append('0', new Blob([content]), path.basename(options.file.filePath));

  const headers: Record<string, string> = { 'apollo-require-preflight': 'true' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(server.graphqlUrl, { method: 'POST', headers, body: form });

  const body = (await response.json()) as Omit<MultipartResponse<Data>, 'status'>;
  return { status: response.status, ...body };
}
