import { createHmac, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';

export interface SentSms {
  phoneNumbers: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  outId: string | undefined;
  /** The id Aliyun gives the message. */
  bizId: string;
}

/** RFC 3986 percent-encoding, as Aliyun's RPC signature (version 1.0) defines it. */
const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A local stand-in for Aliyun's Dysmsapi (`SendSms`, RPC style, form-encoded POST). It checks
 * the HMAC-SHA1 signature over the sorted parameters exactly as Aliyun does and answers in its
 * JSON format, so Aliyun's own POP client and its HTTP path run.
 */
export async function startFakeAliyunSms() {
  const accessKeyId = 'LTAI-test-furrow';
  const accessKeySecret = randomBytes(12).toString('hex');
  const sent: SentSms[] = [];
  const nonces = new Set<string>();
  /** Codes the next SendSms calls answer with instead of OK (e.g. isv.BUSINESS_LIMIT_CONTROL). */
  const failNext: string[] = [];

  const server = createServer(async (req, res) => {
    const params = new URLSearchParams(await readBody(req));
    const reply = (status: number, body: Record<string, string>) =>
      res
        .writeHead(status, { 'content-type': 'application/json;charset=utf-8' })
        .end(JSON.stringify({ RequestId: randomBytes(8).toString('hex'), ...body }));

    const signature = params.get('Signature');
    params.delete('Signature');
    const canonical = [...params.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .join('&');
    const expected = createHmac('sha1', `${accessKeySecret}&`)
      .update(`${req.method}&${encode('/')}&${encode(canonical)}`)
      .digest('base64');
    if (params.get('AccessKeyId') !== accessKeyId) {
      return reply(404, { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
    }
    if (signature !== expected) {
      return reply(400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched.' });
    }
    const nonce = params.get('SignatureNonce') ?? '';
    const age = Date.now() - Date.parse(params.get('Timestamp') ?? '');
    if (!nonce || nonces.has(nonce) || !(Math.abs(age) < 15 * 60_000)) {
      return reply(400, { Code: 'SignatureNonceUsed', Message: 'Specified signature nonce was used already.' });
    }
    nonces.add(nonce);
    if (params.get('Action') !== 'SendSms' || params.get('Version') !== '2017-05-25') {
      return reply(400, { Code: 'InvalidAction.NotFound', Message: 'Specified api is not found.' });
    }
    const failure = failNext.shift();
    if (failure) return reply(200, { Code: failure, Message: 'refused by the test' });
    sent.push({
      phoneNumbers: params.get('PhoneNumbers') ?? '',
      signName: params.get('SignName') ?? '',
      templateCode: params.get('TemplateCode') ?? '',
      params: JSON.parse(params.get('TemplateParam') ?? '{}') as Record<string, string>,
      outId: params.get('OutId') ?? undefined,
      bizId: `${Date.now()}${sent.length}^0`,
    });
    return reply(200, { Code: 'OK', Message: 'OK', BizId: sent.at(-1)!.bizId });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accessKeyId,
    accessKeySecret,
    sent,
    failNext,
    /** The environment that points Furrow at this server. */
    env: (templates: Record<string, string> = {}) => ({
      SMS_ALIYUN_ACCESS_KEY_ID: accessKeyId,
      SMS_ALIYUN_ACCESS_KEY_SECRET: accessKeySecret,
      SMS_ALIYUN_ENDPOINT: `http://127.0.0.1:${port}`,
      SMS_SIGN_NAME: '田间好物',
      SMS_TEMPLATE_LOGIN_CODE: 'SMS_100000001',
      ...templates,
    }),
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
