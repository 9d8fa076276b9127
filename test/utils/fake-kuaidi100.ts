import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';

export interface FakeParcelStep {
  /** Beijing time, `yyyy-MM-dd HH:mm:ss`, as Kuaidi100 writes it. */
  time: string;
  context: string;
  statusCode: string;
  areaName?: string;
}

/**
 * A local stand-in for Kuaidi100's real-time query API (`POST /poll/query.do`, form fields
 * `customer`, `sign`, `param`), checking the signature (upper-case MD5 of param + key + customer)
 * and answering in its documented JSON (resultv2=4: a `statusCode` per step).
 */
export async function startFakeKuaidi100() {
  const customer = `CUST${randomBytes(4).toString('hex').toUpperCase()}`;
  const key = randomBytes(8).toString('hex');
  const parcels = new Map<string, { com: string; phone?: string; steps: FakeParcelStep[] }>();
  const queries: Array<{ com: string; num: string; phone?: string }> = [];

  const server = createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    const reply = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify(body));
    const param = form.get('param') ?? '';
    const sign = createHash('md5')
      .update(param + key + customer)
      .digest('hex')
      .toUpperCase();
    if (req.method !== 'POST' || req.url !== '/poll/query.do') return res.writeHead(404).end();
    if (form.get('customer') !== customer || form.get('sign') !== sign) {
      return reply({ result: false, returnCode: '601', message: 'POLL:KEY已过期或签名错误' });
    }
    const query = JSON.parse(param) as { com: string; num: string; phone?: string; order?: string };
    queries.push({ com: query.com, num: query.num, phone: query.phone });
    const parcel = parcels.get(query.num);
    if (!parcel || parcel.com !== query.com || parcel.steps.length === 0) {
      return reply({ result: false, returnCode: '500', message: '查询无结果，请隔段时间再查' });
    }
    if (parcel.phone && parcel.phone !== query.phone) {
      return reply({ result: false, returnCode: '408', message: '您提供的快递单号需要验证电话号码' });
    }
    const steps = [...parcel.steps];
    return reply({
      message: 'ok',
      nu: query.num,
      ischeck: steps.at(-1)!.statusCode.startsWith('3') ? '1' : '0',
      com: query.com,
      status: '200',
      condition: 'F00',
      state: steps.at(-1)!.statusCode,
      data: (query.order === 'asc' ? steps : steps.reverse()).map((s) => ({
        ...s,
        ftime: s.time,
        status: '',
        location: '',
      })),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    customer,
    key,
    parcels,
    queries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
