import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/**
 * Sends `head` (request line and headers, exactly these bytes) and reads the answer until
 * the server closes or the body's Content-Length has arrived: for requests no HTTP client
 * will send, such as raw UTF-8 or a stray `%` in the path.
 */
export function rawRequest(port: number, head: Buffer | string, body = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(Buffer.concat([Buffer.from(head), Buffer.from('\r\n\r\n'), Buffer.from(body)]));
    });
    let data = Buffer.alloc(0);
    const done = () => {
      const text = data.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return false;
      const headers = text.slice(0, split);
      const length = /content-length:\s*(\d+)/i.exec(headers);
      const rest = data.subarray(Buffer.byteLength(text.slice(0, split + 4)));
      if (length && rest.length < Number(length[1])) return false;
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0), headers, body: rest.toString('utf8') });
      return true;
    };
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      done();
    });
    socket.on('end', () => done() || reject(new Error(`incomplete answer: ${data.toString('utf8')}`)));
    socket.on('error', reject);
  });
}
