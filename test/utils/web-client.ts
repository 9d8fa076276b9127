import request from 'supertest';
import type { TestApi } from './test-api';

/**
 * A browser without JavaScript, for page tests: it keeps cookies (session, CSRF secret,
 * language), reads the CSRF token from the last page, and sends forms as browsers do
 * (urlencoded, the token in `_csrf`).
 */
export interface WebClient {
  agent: ReturnType<typeof request.agent>;
  /** GET a page; remembers its CSRF token. */
  page(path: string, expectStatus?: number): Promise<string>;
  /** POST a form from the last page (its CSRF token added), returning the response. */
  submit(path: string, form: Record<string, string | string[]>): Promise<request.Response>;
  csrfToken(): string;
  /** Signs in on the login page with a password (phone or e-mail in `account`). */
  signIn(account: string, password: string): Promise<void>;
}

export function csrfTokenOf(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

export function webClient(api: TestApi, headers: Record<string, string> = {}): WebClient {
  const agent = request.agent(api.app.getHttpServer());
  let token = '';
  const client: WebClient = {
    agent,
    async page(path, expectStatus = 200) {
      const response = await agent.get(path).set(headers).expect(expectStatus);
      token = csrfTokenOf(response.text) ?? token;
      return response.text;
    },
    async submit(path, form) {
      if (!token) await client.page('/');
      return agent
        .post(path)
        .set(headers)
        .type('form')
        .send({ _csrf: token, ...form });
    },
    csrfToken: () => token,
    async signIn(account, password) {
      await client.page('/login');
      const response = await client.submit('/login', { account, password });
      if (response.status !== 303)
        throw new Error(`sign-in failed with ${response.status}: ${response.text.slice(0, 500)}`);
    },
  };
  return client;
}
