// The virtual device's inbox client: what an ioConnect device does against Sprout (DIDCOMM.md §5), against this
// app's inbox (docs/inbox.md). Requests a token, then sends encrypted telemetry every few seconds and opens the
// server's encrypted, signed replies. Until the device has an ioID it keeps asking, so `npm run dev`'s demo device
// starts talking the moment someone claims it.
import { hexToBytes } from "@noble/hashes/utils";
import { openReply, openToken, sealMessage, serverContactFrom, tokenRequestBody, type DeviceInboxKeys, type ServerContact } from "../../lib/didcomm/deviceSide";
import { signJws } from "../../lib/didcomm/jws";
import type { VirtualDevice } from "../../lib/device/simulated/virtualDevice";

export interface InboxClientOptions {
  device: VirtualDevice;
  /** The app's base URL, e.g. http://localhost:3000. */
  appUrl: string;
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface InboxClient {
  /** Messages the inbox accepted so far. */
  readonly accepted: number;
  stop(): void;
}

export function startInboxClient({ device, appUrl, intervalMs = 3000, log = () => undefined }: InboxClientOptions): InboxClient {
  const base = appUrl.replace(/\/+$/, "");
  const keys: DeviceInboxKeys = {
    did: device.did,
    keyAgreement: { kid: device.diddocJson().diddoc.keyAgreement[0]!, privateKey: hexToBytes(device.p256PrivateKey.slice(2)) },
  };
  let server: ServerContact | undefined;
  let token: string | undefined;
  let accepted = 0;
  let seq = 0;
  let stopped = false;
  let lastProblem = "";
  let timer: NodeJS.Timeout | undefined;

  const problem = (line: string) => {
    // A device waiting to be claimed would otherwise say the same thing every few seconds.
    if (line !== lastProblem) log(line);
    lastProblem = line;
  };

  async function post(path: string, body: string, headers: Record<string, string> = {}): Promise<string> {
    const response = await fetch(`${base}${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
    const text = await response.text();
    if (!response.ok) throw Object.assign(new Error(`${path} ${response.status}: ${readMessage(text)}`), { status: response.status });
    return text;
  }

  function telemetry(): string {
    seq += 1;
    const reading = JSON.stringify({ type: "telemetry", seq, temperature: +(20 + 3 * Math.sin(seq / 5)).toFixed(2), humidity: 40 + (seq % 7), at: new Date().toISOString() });
    // Every third reading carries the device's own signature (ES256 over secp256k1, as ioConnect labels it).
    if (seq % 3 !== 0) return reading;
    return signJws(reading, { crv: "secp256k1", signDigest: (digest) => hexToBytes(device.sign(`0x${Buffer.from(digest).toString("hex")}`).sign.slice(2)) }, "compact");
  }

  async function tick(): Promise<void> {
    try {
      if (!server) {
        const response = await fetch(`${base}/api/inbox/diddoc`);
        if (!response.ok) throw new Error(`/api/inbox/diddoc ${response.status}`);
        server = serverContactFrom(await response.json());
        log(`inbox: server ${server.did}`);
      }
      if (!token) {
        token = await openToken(await post("/api/inbox/token", tokenRequestBody(device.did)), keys, server);
        log(`inbox: token received for ${device.did}`);
      }
      const reply = await post("/api/inbox/message", await sealMessage(telemetry(), keys, server), { authorization: `Bearer ${token}` });
      const ack = (await openReply(reply, keys, server)) as { id?: string };
      accepted += 1;
      lastProblem = "";
      log(`inbox: message ${seq} stored as #${ack.id ?? "?"} (reply decrypted, server signature checked)`);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 401) token = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      problem(status === 403 && /ioID|resolv|registration/i.test(reason) ? `inbox: waiting for ${device.did} to be claimed (${reason})` : `inbox: ${reason}`);
    }
  }

  const loop = async () => {
    if (stopped) return;
    await tick();
    if (!stopped) timer = setTimeout(() => void loop(), intervalMs);
  };
  void loop();

  return {
    get accepted() {
      return accepted;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

function readMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === "string" ? body.message : text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}
