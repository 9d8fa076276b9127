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

export interface FakeSubscription {
  company: string;
  number: string;
  callbackurl: string;
  salt: string;
  phone?: string;
}

/**
 * A local stand-in for Kuaidi100: the real-time query API (`POST /poll/query.do`, form fields
 * `customer`, `sign`, `param`), checking the signature (upper-case MD5 of param + key + customer)
 * and answering in its documented JSON (resultv2=4: a `statusCode` per step); and the subscription
 * API (`POST /poll`, form fields `schema=json` and `param` with our `key`, `callbackurl` and
 * `salt`), whose pushes `push()` sends to the callback as Kuaidi100 does: form fields `param`
 * and `sign` = upper-case MD5 of param + salt.
 */
export async function startFakeKuaidi100() {
  const customer = `CUST${randomBytes(4).toString('hex').toUpperCase()}`;
  const key = randomBytes(8).toString('hex');
  const parcels = new Map<string, { com: string; phone?: string; steps: FakeParcelStep[] }>();
  const queries: Array<{ com: string; num: string; phone?: string }> = [];
  const subscriptions: FakeSubscription[] = [];

  const server = createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    const reply = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify(body));
    const param = form.get('param') ?? '';
    const sign = createHash('md5')
      .update(param + key + customer)
      .digest('hex')
      .toUpperCase();
    if (req.method === 'POST' && req.url === '/poll') return reply(subscribe(form));
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
  function subscribe(form: URLSearchParams) {
    const param = JSON.parse(form.get('param') ?? '{}') as {
      company?: string;
      number?: string;
      key?: string;
      parameters?: { callbackurl?: string; salt?: string; phone?: string };
    };
    if (form.get('schema') !== 'json' || param.key !== key) {
      return { result: false, returnCode: '600', message: '您不是合法的订阅者（即授权Key出错）' };
    }
    const { callbackurl, salt, phone } = param.parameters ?? {};
    if (!param.company || !param.number || !callbackurl) {
      return { result: false, returnCode: '700', message: '订阅方的订阅数据存在错误' };
    }
    if (subscriptions.some((s) => s.company === param.company && s.number === param.number)) {
      return { result: false, returnCode: '501', message: '重复订阅' };
    }
    subscriptions.push({ company: param.company, number: param.number, callbackurl, salt: salt ?? '', phone });
    return { result: true, returnCode: '200', message: '提交成功' };
  }

  /**
   * Pushes the parcel's steps (newest first, as Kuaidi100 does) to the subscription's callback.
   * `sign` overrides the signature (to send a wrong one). Resolves to our HTTP status and answer.
   */
  async function push(
    subscription: FakeSubscription,
    steps: FakeParcelStep[],
    options: { status?: string; message?: string; sign?: string } = {},
  ) {
    const newestFirst = [...steps].sort((a, b) => b.time.localeCompare(a.time));
    const state = newestFirst[0]?.statusCode ?? '0';
    const param = JSON.stringify({
      status: options.status ?? (state.startsWith('3') ? 'shutdown' : 'polling'),
      billstatus: 'got',
      message: options.message ?? '',
      autoCheck: '0',
      comOld: '',
      comNew: '',
      lastResult: {
        message: 'ok',
        nu: subscription.number,
        ischeck: state.startsWith('3') ? '1' : '0',
        condition: 'F00',
        com: subscription.company,
        status: '200',
        state,
        data: newestFirst.map((s) => ({ ...s, ftime: s.time, status: '', areaCode: null })),
      },
    });
    const sign =
      options.sign ??
      createHash('md5')
        .update(param + subscription.salt)
        .digest('hex')
        .toUpperCase();
    // The callback names Furrow's public address; the test's api listens on a port of its own.
    const callback = new URL(subscription.callbackurl);
    const target = fake.deliverTo ? new URL(callback.pathname + callback.search, fake.deliverTo) : callback;
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ param, sign }).toString(),
    });
    return { status: response.status, answer: (await response.json()) as Record<string, unknown> };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake = {
    /** Where pushes really go in place of the callback's origin (the test api's address). */
    deliverTo: undefined as string | undefined,
    url: `http://127.0.0.1:${port}`,
    customer,
    key,
    parcels,
    queries,
    subscriptions,
    push,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
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
