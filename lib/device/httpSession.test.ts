import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { formatLikeCJSON } from "../did/cjson";
import { MAX_HTTP_BODY_BYTES, createHttpDeviceSession } from "./httpSession";
import { recoverDeviceSignature } from "./signature";
import { createVirtualDevice } from "./simulated/virtualDevice";
import { rejection } from "./testing";

const device = createVirtualDevice({ seed: "http", highS: "always" });
const ENDPOINT = "http://192.168.1.20:8000";
const digest = keccak256(stringToBytes("http test"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The firmware's HTTP behaviour without a socket: unknown requests reject, as a closed connection does. */
function deviceFetch(options: { delayMs?: number; log?: string[] } = {}): Fetch & { maxInFlight: number } {
  let inFlight = 0;
  const fetch = Object.assign(
    async (input: string, init?: RequestInit) => {
      inFlight++;
      fetch.maxInFlight = Math.max(fetch.maxInFlight, inFlight);
      try {
        if (options.delayMs) await sleep(options.delayMs);
        const { pathname } = new URL(input);
        options.log?.push(`${init?.method ?? "GET"} ${pathname}`);
        if (init?.method === "GET" && pathname === "/did") return new Response(formatLikeCJSON(device.didJson()));
        if (init?.method === "GET" && pathname === "/diddoc") return new Response(formatLikeCJSON(device.diddocJson()));
        if (init?.method === "POST") {
          const outcome = device.handleSignRequest(String(init.body));
          if (outcome.kind !== "unreadable") return new Response(formatLikeCJSON(outcome.answer));
        }
        throw new TypeError("Failed to fetch");
      } finally {
        inFlight--;
      }
    },
    { maxInFlight: 0 },
  );
  return fetch;
}

describe("createHttpDeviceSession", () => {
  it("identifies, reads the document and signs through /did, /diddoc and /sign", async () => {
    const log: string[] = [];
    const session = createHttpDeviceSession(`${ENDPOINT}/`, { fetch: deviceFetch({ log }) });
    expect(session.transport).toBe("http");
    expect(await session.identify()).toMatchObject({ did: device.did, publicKey: device.publicKey });
    expect((await session.diddoc()).verificationMethodId).toBe(`${device.did}#Key-secp256k1-1`);
    const rs = await session.sign(digest);
    expect(recoverDeviceSignature({ digest, rs, device: device.did })).toMatchObject({ signer: device.address, highS: true });
    expect(log).toEqual(["GET /did", "GET /diddoc", "POST /sign"]);
  });

  it("sends sign requests one at a time", async () => {
    const fetch = deviceFetch({ delayMs: 5 });
    const session = createHttpDeviceSession(ENDPOINT, { fetch });
    const digests = [1, 2, 3, 4].map((i) => keccak256(stringToBytes(`d${i}`)));
    const signatures = await Promise.all(digests.map((d) => session.sign(d)));
    signatures.forEach((rs, i) => expect(recoverDeviceSignature({ digest: digests[i]!, rs, device: device.did }).signer).toBe(device.address));
    expect(fetch.maxInFlight).toBe(1);
  });

  it("explains an unreachable device, naming mixed content from an https page", async () => {
    const refused: Fetch = () => Promise.reject(new TypeError("Failed to fetch"));
    const plain = await rejection(createHttpDeviceSession(ENDPOINT, { fetch: refused, pageProtocol: "http:" }).identify(), "http-unreachable");
    expect(plain.message).toMatch(/Could not reach the device at http:\/\/192\.168\.1\.20:8000 \(GET \/did: Failed to fetch\)\. .*closes the connection/);
    expect(plain.message).not.toMatch(/mixed content/);
    const mixed = await rejection(createHttpDeviceSession(ENDPOINT, { fetch: refused, pageProtocol: "https:" }).identify(), "http-unreachable");
    expect(mixed.message).toMatch(/mixed content/);
    expect(mixed.details).toMatchObject({ mixedContent: true });
    const tls = await rejection(createHttpDeviceSession("https://192.168.1.20:8000", { fetch: refused, pageProtocol: "https:" }).identify(), "http-unreachable");
    expect(tls.message).toMatch(/self-signed certificate, open https:\/\/192\.168\.1\.20:8000\/did/);
  });

  it("times out, aborting the request", async () => {
    let aborted = false;
    const hanging: Fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(new DOMException("aborted", "AbortError"));
        });
      });
    const error = await rejection(createHttpDeviceSession(ENDPOINT, { fetch: hanging, timeoutMs: 30 }).identify(), "http-timeout");
    expect(error.message).toMatch(/did not answer GET \/did within 30 ms/);
    expect(aborted).toBe(true);
  });

  it("reports non-2xx answers, oversized bodies and garbage with their own codes", async () => {
    const answer = (response: () => Response): Fetch => async () => response();
    const status = await rejection(createHttpDeviceSession(ENDPOINT, { fetch: answer(() => new Response("no", { status: 404, statusText: "Not Found" })) }).identify(), "http-status");
    expect(status.message).toMatch(/HTTP 404 Not Found/);
    expect(status.details).toMatchObject({ status: 404 });
    await rejection(createHttpDeviceSession(ENDPOINT, { fetch: answer(() => new Response("x".repeat(MAX_HTTP_BODY_BYTES + 1))) }).identify(), "answer-too-large");
    const declared = new Response("{}", { headers: { "content-length": String(10 * MAX_HTTP_BODY_BYTES) } });
    await rejection(createHttpDeviceSession(ENDPOINT, { fetch: answer(() => declared) }).identify(), "answer-too-large");
    await rejection(createHttpDeviceSession(ENDPOINT, { fetch: answer(() => new Response("<html>router login</html>")) }).identify(), "answer-not-json");
    await rejection(createHttpDeviceSession(ENDPOINT, { fetch: answer(() => new Response(null)) }).identify(), "answer-not-json");
    await rejection(createHttpDeviceSession(ENDPOINT, { fetch: answer(() => new Response('{"Sign":"Failed to Signature"}')) }).sign(digest), "device-sign-failed");
    await rejection(createHttpDeviceSession(ENDPOINT, { fetch: answer(() => new Response(JSON.stringify({ did: device.did, puk: createVirtualDevice({ seed: "x" }).publicKey }))) }).identify(), "public-key-mismatch");
  });

  it("checks the document against the identity it read", async () => {
    const other = createVirtualDevice({ seed: "other" });
    const fetch: Fetch = async (input) => new Response(JSON.stringify(new URL(input).pathname === "/did" ? device.didJson() : other.diddocJson()));
    const session = createHttpDeviceSession(ENDPOINT, { fetch });
    expect((await session.diddoc()).document.id).toBe(other.did);
    await session.identify();
    await rejection(session.diddoc(), "diddoc-mismatch");
  });

  it("validates the endpoint and refuses calls after close", async () => {
    expect(() => createHttpDeviceSession("ftp://192.168.1.20")).toThrow(expect.objectContaining({ code: "endpoint-scheme" }));
    expect(() => createHttpDeviceSession("http://192.168.1.20:8000/did")).toThrow(expect.objectContaining({ code: "endpoint-invalid" }));
    const session = createHttpDeviceSession("192.168.1.20:8000", { fetch: deviceFetch() });
    await session.close();
    await rejection(session.identify(), "session-closed");
  });
});
