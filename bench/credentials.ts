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
