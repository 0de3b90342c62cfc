import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { formatLikeCJSON } from "../did/cjson";
import { MAX_HTTP_BODY_BYTES, createHttpDeviceSession } from "./httpSession";
import type { LocalNetworkPermission } from "./localNetwork";
import { recoverDeviceSignature } from "./signature";
import { createVirtualDevice } from "./simulated/virtualDevice";
import { rejection } from "./testing";
import { english } from "../i18n/renderText";

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

  it("explains an unreachable device, naming mixed content from an https page without Local Network Access", async () => {
    const refused: Fetch = () => Promise.reject(new TypeError("Failed to fetch"));
    const plain = await rejection(createHttpDeviceSession(ENDPOINT, { fetch: refused, pageProtocol: "http:" }).identify(), "http-unreachable");
    expect(english(plain.said)).toMatch(/Could not reach the device at 192\.168\.1\.20:8000 \(GET \/did: http:\/\/192\.168\.1\.20:8000: Failed to fetch\)\. .*closes the connection/);
    expect(english(plain.said)).not.toMatch(/mixed content/);
    const mixed = await rejection(createHttpDeviceSession(ENDPOINT, { fetch: refused, pageProtocol: "https:", localNetworkAccess: false }).identify(), "http-mixed-content");
    expect(english(mixed.said)).toMatch(/blocks it from calling the http:\/\/ device at http:\/\/192\.168\.1\.20:8000 \(mixed content\)/);
    expect(mixed.details).toMatchObject({ mixedContent: true, tried: [] });
    const tls = await rejection(createHttpDeviceSession("https://192.168.1.20:8000", { fetch: refused, pageProtocol: "https:" }).identify(), "http-certificate");
    expect(english(tls.said)).toMatch(/open https:\/\/192\.168\.1\.20:8000\/did in a new tab, accept the warning/);
    expect(tls.details).toMatchObject({ certificateUrl: "https://192.168.1.20:8000/did" });
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
    expect(english(error.said)).toMatch(/did not answer GET \/did within 30 ms/);
    expect(aborted).toBe(true);
  });

  it("reports non-2xx answers, oversized bodies and garbage with their own codes", async () => {
    const answer = (response: () => Response): Fetch => async () => response();
    const status = await rejection(createHttpDeviceSession(ENDPOINT, { fetch: answer(() => new Response("no", { status: 404, statusText: "Not Found" })) }).identify(), "http-status");
    expect(english(status.said)).toMatch(/HTTP 404 Not Found/);
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

  describe("a bare host:port (ESP32 serves https, the Linux example http)", () => {
    /** Answers like the device on one scheme; the other gets no HTTP answer (a TLS server drops plain http and the reverse). */
    function onlyOver(scheme: "https:" | "http:", log: string[]): Fetch {
      const inner = deviceFetch();
      return (input, init) => {
        log.push(`${new URL(input).protocol} ${new URL(input).pathname}`);
        return new URL(input).protocol === scheme ? inner(input, init) : Promise.reject(new TypeError("Failed to fetch"));
      };
    }
    const memory = () => {
      const saved = new Map<string, "https:" | "http:">();
      return { saved, get: (k: string) => saved.get(k), set: (k: string, v: "https:" | "http:") => void saved.set(k, v) };
    };

    it("from an http page tries http, then https, keeps the one that answered and remembers it", async () => {
      const log: string[] = [];
      const schemes = memory();
      const session = createHttpDeviceSession("192.168.1.20:8000", { fetch: onlyOver("https:", log), pageProtocol: "http:", schemes });
      await session.identify();
      await session.sign(digest);
      expect(log).toEqual(["http: /did", "https: /did", "https: /sign"]);
      expect(schemes.saved.get("192.168.1.20:8000")).toBe("https:");
      log.length = 0;
      await createHttpDeviceSession("192.168.1.20:8000", { fetch: onlyOver("https:", log), pageProtocol: "http:", schemes }).identify();
      expect(log).toEqual(["https: /did"]);
    });

    it("from an https page tries https first, and http only with Local Network Access", async () => {
      const log: string[] = [];
      await createHttpDeviceSession("192.168.1.20:8000", { fetch: onlyOver("http:", log), pageProtocol: "https:", localNetworkAccess: true, permission: async () => "granted" }).identify();
      expect(log).toEqual(["https: /did", "http: /did"]);
      log.length = 0;
      const error = await rejection(
        createHttpDeviceSession("192.168.1.20:8000", { fetch: onlyOver("http:", log), pageProtocol: "https:", localNetworkAccess: false }).identify(),
        "http-certificate",
      );
      expect(log).toEqual(["https: /did"]);
      expect(english(error.said)).toMatch(/cannot call http:\/\/192\.168\.1\.20:8000 from an https page \(mixed content/);
    });

    it("guides through the certificate when no scheme answers, with the link to the device's /did", async () => {
      const log: string[] = [];
      const refused: Fetch = (input) => {
        log.push(`${new URL(input).protocol} ${new URL(input).pathname}`);
        return Promise.reject(new TypeError("Failed to fetch"));
      };
      const error = await rejection(createHttpDeviceSession("esp32.local:8000", { fetch: refused, pageProtocol: "http:" }).identify(), "http-certificate");
      expect(log).toEqual(["http: /did", "https: /did"]);
      expect(error.details).toMatchObject({ certificateUrl: "https://esp32.local:8000/did", tried: ["http://esp32.local:8000", "https://esp32.local:8000"] });
    });

    it("does not try the other scheme after a timeout: nothing answers at all", async () => {
      const log: string[] = [];
      const hanging: Fetch = (input, init) => {
        log.push(input);
        return new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
      };
      await rejection(createHttpDeviceSession("192.168.1.20:8000", { fetch: hanging, timeoutMs: 20 }).identify(), "http-timeout");
      expect(log).toEqual(["http://192.168.1.20:8000/did"]);
    });

    it("an answer that is not ioConnect's pins the scheme and says so", async () => {
      const router: Fetch = async () => new Response("<html>login</html>", { status: 401, statusText: "Unauthorized" });
      const error = await rejection(createHttpDeviceSession("192.168.1.1:80", { fetch: router, pageProtocol: "http:" }).identify(), "http-status");
      expect(english(error.said)).toMatch(/HTTP 401 Unauthorized; an ioConnect device answers 200, so this is likely not an ioConnect device/);
    });
  });

  describe("Local Network Access", () => {
    function recording(): Fetch & { inits: (RequestInit & { targetAddressSpace?: string })[] } {
      const inner = deviceFetch();
      const inits: (RequestInit & { targetAddressSpace?: string })[] = [];
      return Object.assign((input: string, init?: RequestInit) => {
        inits.push(init ?? {});
        return inner(input, init);
      }, { inits });
    }

    it("names the device's address space on every request where the browser supports it", async () => {
      for (const [endpoint, space] of [
        ["http://192.168.1.20:8000", "local"],
        ["http://127.0.0.1:8000", "loopback"],
        ["http://localhost:8000", "loopback"],
        ["http://esp32.local:8000", "local"],
        ["http://8.8.8.8:8000", undefined],
      ] as const) {
        const fetch = recording();
        const session = createHttpDeviceSession(endpoint, { fetch, localNetworkAccess: true, permission: async () => "granted" });
        await session.identify();
        await session.diddoc();
        await session.sign(digest);
        expect(fetch.inits.map((i) => i.targetAddressSpace), endpoint).toEqual([space, space, space]);
        expect(fetch.inits.every((i) => space !== undefined || !("targetAddressSpace" in i))).toBe(true);
      }
      const without = recording();
      await createHttpDeviceSession(ENDPOINT, { fetch: without, localNetworkAccess: false }).identify();
      expect("targetAddressSpace" in without.inits[0]!).toBe(false);
    });

    it("says how to allow the permission when the browser denied it", async () => {
      const refused: Fetch = () => Promise.reject(new TypeError("Failed to fetch"));
      const error = await rejection(
        createHttpDeviceSession(ENDPOINT, { fetch: refused, pageProtocol: "https:", localNetworkAccess: true, permission: async () => "denied" }).identify(),
        "http-local-network-denied",
      );
      expect(english(error.said)).toMatch(/not allowed to reach devices on your local network\. To allow it, click the icon left of the address bar, open Site settings/);
    });

    it("blames the certificate, not a denied permission, when the page is on the device's own machine", async () => {
      // Chromium reports a refused permission and an untrusted certificate alike ("Failed to fetch"); what tells them
      // apart is whether the call needed the permission at all. A loopback page reaches any device without it.
      const refused: Fetch = () => Promise.reject(new TypeError("Failed to fetch"));
      const denied = async () => "denied" as const;
      const onLoopback = createHttpDeviceSession("127.0.0.1:8000", { fetch: refused, pageHostname: "127.0.0.1", pageProtocol: "http:", localNetworkAccess: true, permission: denied });
      expect((await rejection(onLoopback.identify(), "http-certificate")).details).toMatchObject({ certificateUrl: "https://127.0.0.1:8000/did" });
      const deployed = createHttpDeviceSession("127.0.0.1:8000", { fetch: refused, pageHostname: "wallet.example.org", pageProtocol: "https:", localNetworkAccess: true, permission: denied });
      await rejection(deployed.identify(), "http-local-network-denied");
    });

    it("waits for the owner to answer the permission prompt instead of the usual timeout", async () => {
      let answered: ((response: Response) => void) | undefined;
      const promptThenAnswer: Fetch = () => new Promise((resolve) => (answered = resolve));
      const states: LocalNetworkPermission[] = ["prompt"];
      const session = createHttpDeviceSession(ENDPOINT, { fetch: promptThenAnswer, timeoutMs: 20, localNetworkAccess: true, permission: async () => states.shift() ?? "granted" });
      const identity = session.identify();
      await sleep(60);
      answered?.(new Response(formatLikeCJSON(device.didJson())));
      expect((await identity).did).toBe(device.did);
    });
  });
});
