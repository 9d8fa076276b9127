import type { Response } from 'superagent';

/**
 * A supertest parser that keeps a body as UTF-8 text whatever its type (supertest parses
 * `text/csv` as nothing): `.buffer(true).parse(textBody)`, then `res.body` is the text, BOM and all.
 */
export function textBody(res: Response, done: (error: Error | null, body: string) => void): void {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
}
