import { randomBytes, randomUUID } from 'node:crypto';

import { postGraphQL } from './http-client';

/**
 * The headers that authenticate a scenario's requests. `headers()` is called once before
 * each scenario (sanity request and wrk script alike), so a provider can renew what expires.
 */
export interface CredentialProvider {
  /** Short text for logs and reports, never the secret itself. */
  readonly description: string;
  headers(): Promise<Record<string, string>>;
}

/** Sends no credentials: the caller is anonymous. */
export const anonymous: CredentialProvider = {
  description: 'anonymous',
  headers: async () => ({}),
};

/** Authenticates with an API key in `X-API-Key`. */
export function apiKeyCredentials(key: string, description = 'API key'): CredentialProvider {
  return { description, headers: async () => ({ 'X-API-Key': key }) };
}

/** Access tokens live 30 minutes; renewing after 20 leaves room for one long scenario. */
const TOKEN_RENEWAL_MS = 20 * 60 * 1000;

const LOGIN_MUTATION = `mutation BenchLogin($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken }
}`;

/** Logs in with the `login` mutation and sends `Authorization: Bearer <JWT>`. */
export class BearerLogin implements CredentialProvider {
  private token: { value: string; issuedAt: number } | null = null;

  constructor(
    private readonly graphqlUrl: string,
    private readonly email: string,
    private readonly password: string,
    readonly description = `JWT of ${email}`,
  ) {}

  async headers(): Promise<Record<string, string>> {
    if (!this.token || Date.now() - this.token.issuedAt > TOKEN_RENEWAL_MS) {
      const data = await postGraphQL(this.graphqlUrl, {
        query: LOGIN_MUTATION,
        variables: { email: this.email, password: this.password },
      });
      const login = data.login as { accessToken: string };
      this.token = { value: login.accessToken, issuedAt: Date.now() };
    }
    return { Authorization: `Bearer ${this.token.value}` };
  }
}

const CREATE_USER_MUTATION = `mutation BenchCreateUser($input: CreateUserInput!) {
  createUser(input: $input) { id pack status }
}`;

const CREATE_API_KEY_MUTATION = `mutation BenchCreateApiKey($name: String!) {
  createApiKey(name: $name) { key }
}`;

/**
 * A PRO user created through the admin API on first use, with its JWT and one API key.
 * Creation runs once per bench, shared by both providers, and only if a scenario needs them.
 */
export class ProAccount {
  private created: Promise<{ login: BearerLogin; apiKey: string }> | null = null;

  /** Sends the JWT of the PRO user (`login` mutation). */
  readonly jwt: CredentialProvider = {
    description: 'JWT of a PRO user',
    headers: async () => (await this.create()).login.headers(),
  };

  /** Sends an API key of the PRO user in `X-API-Key`. */
  readonly apiKey: CredentialProvider = {
    description: 'API key of a PRO user',
    headers: async () => ({ 'X-API-Key': (await this.create()).apiKey }),
  };

  constructor(
    private readonly graphqlUrl: string,
    private readonly admin: CredentialProvider,
  ) {}

  private create(): Promise<{ login: BearerLogin; apiKey: string }> {
    // A failed creation is not retried: every scenario that needs the account reports it.
    this.created ??= this.createOnce();
    return this.created;
  }

  private async createOnce(): Promise<{ login: BearerLogin; apiKey: string }> {
    const email = `bench-pro-${randomUUID()}@example.com`;
    const password = randomBytes(18).toString('base64url');
    const data = await postGraphQL(
      this.graphqlUrl,
      {
        query: CREATE_USER_MUTATION,
        variables: { input: { email, password, fullName: 'Bench PRO user', pack: 'PRO' } },
      },
      await this.admin.headers(),
    );
    const user = data.createUser as { pack: string; status: string };
    if (user.pack !== 'PRO' || user.status !== 'ACTIVE') {
      throw new Error(
        `createUser returned pack ${user.pack}, status ${user.status}, expected PRO, ACTIVE`,
      );
    }

    const login = new BearerLogin(this.graphqlUrl, email, password, 'JWT of a PRO user');
    const keyData = await postGraphQL(
      this.graphqlUrl,
      { query: CREATE_API_KEY_MUTATION, variables: { name: 'bench' } },
      await login.headers(),
    );
    return { login, apiKey: (keyData.createApiKey as { key: string }).key };
  }
}
