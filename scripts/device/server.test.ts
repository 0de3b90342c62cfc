import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { request as httpsRequest } from "node:https";
import { bytesToHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDidAnswer, parseDidDocAnswer, parseSignAnswer, signRequestBody } from "../../lib/device/ioconnect";
import { recoverDeviceSignature } from "../../lib/device/signature";
import { startVirtualDeviceServer, type VirtualDeviceServer } from "./server";

let server: VirtualDeviceServer;

beforeAll(async () => {
  server = await startVirtualDeviceServer({ port: 0, host: "127.0.0.1", seed: "server-test", highS: "always" });
});
afterAll(async () => {
  await server?.close();
});

/** fetch hides a dropped connection behind "fetch failed"; a raw request shows exactly what the socket did. */
function rawRequest(method: string, path: string, body?: string): Promise<{ status: number } | { closed: string }> {
  return new Promise((resolve) => {
    const req = request(`${server.url}${path}`, { method }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ closed: error.code ?? error.message }));
    req.end(body);
  });
}

describe("virtual device HTTP server", () => {
  it("answers /did and /diddoc with cJSON text, CORS open", async () => {
    const res = await fetch(`${server.url}/did`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const text = await res.text();
    expect(text.startsWith('{\n\t"did":\t"did:io:0x')).toBe(true);
    expect(parseDidAnswer(text).did).toBe(server.device.did);
    const doc = parseDidDocAnswer(await (await fetch(`${server.url}/diddoc`)).text(), { expectedDid: server.device.did });
    expect(doc.document.id).toBe(server.device.did);
  });

  it("signs a random digest posted to /sign, recoverable to the DID's address", async () => {
    const identity = parseDidAnswer(await (await fetch(`${server.url}/did`)).text());
    const digest = bytesToHex(randomBytes(32));
    const res = await fetch(`${server.url}/sign`, { method: "POST", headers: { "Content-Type": "application/json" }, body: signRequestBody(digest) });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const { rs } = parseSignAnswer(await res.text());
    const sig = recoverDeviceSignature({ digest, rs, device: identity.did });
    expect(sig.signer).toBe(identity.address);
    expect(sig.highS).toBe(true);
  });

  it("signs a POST to any path, like the firmware", async () => {
    const digest = bytesToHex(randomBytes(32));
    const res = await fetch(`${server.url}/anything`, { method: "POST", body: signRequestBody(digest) });
    expect(recoverDeviceSignature({ digest, rs: parseSignAnswer(await res.text()).rs, device: server.device.address }).signer).toBe(server.device.address);
  });

  it("serves concurrent sign requests one at a time, each correct", async () => {
    const digests = Array.from({ length: 8 }, () => bytesToHex(randomBytes(32)));
    const answers = await Promise.all(digests.map((d) => fetch(`${server.url}/sign`, { method: "POST", body: signRequestBody(d) }).then((r) => r.text())));
    answers.forEach((text, i) => expect(recoverDeviceSignature({ digest: digests[i], rs: parseSignAnswer(text).rs, device: server.device.did }).signer).toBe(server.device.address));
  });

  it("answers the OPTIONS preflight with 204 and open CORS headers", async () => {
    const res = await fetch(`${server.url}/sign`, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toBe("*");
  });

  it("closes the connection without an answer on unknown paths, GET /sign and bad JSON", async () => {
    await expect(fetch(`${server.url}/nope`)).rejects.toThrow();
    expect(await rawRequest("GET", "/nope")).toEqual({ closed: "ECONNRESET" });
    expect(await rawRequest("GET", "/sign")).toEqual({ closed: "ECONNRESET" });
    expect(await rawRequest("POST", "/sign", "{not json")).toEqual({ closed: "ECONNRESET" });
    expect(await rawRequest("POST", "/sign", JSON.stringify({ digest: "0x00" }))).toEqual({ closed: "ECONNRESET" });
    expect(await rawRequest("POST", "/sign", "x".repeat(4096))).toMatchObject({ closed: expect.any(String) });
  });

  it("answers the firmware's failure object to hex that is not hex", async () => {
    const res = await fetch(`${server.url}/sign`, { method: "POST", body: '{"hex":"0xnothex"}' });
    expect(JSON.parse(await res.text())).toEqual({ Sign: "Failed to Signature" });
  });

  it("runs several devices side by side", async () => {
    const other = await startVirtualDeviceServer({ port: 0, seed: "server-test-2" });
    try {
      const identity = parseDidAnswer(await (await fetch(`${other.url}/did`)).text());
      expect(identity.did).not.toBe(server.device.did);
    } finally {
      await other.close();
    }
  });
});

describe("virtual device over https (--https), like an ESP32", () => {
  /** Node's https client: `trust` decides whether the self-signed certificate is accepted. */
  function get(url: string, trust: boolean): Promise<{ status: number; body: string } | { error: string }> {
    return new Promise((resolve) => {
      const req = httpsRequest(url, { rejectUnauthorized: !trust }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      req.end();
    });
  }

  it("serves the same endpoints with a certificate made at start, which a client must choose to trust", async () => {
    const tls = await startVirtualDeviceServer({ port: 0, host: "127.0.0.1", seed: "server-test-https", https: true });
    try {
      expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const trusted = await get(`${tls.url}/did`, true);
      expect(trusted).toMatchObject({ status: 200 });
      expect(parseDidAnswer((trusted as { body: string }).body).did).toBe(tls.device.did);
      expect(await get(`${tls.url}/did`, false)).toEqual({ error: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    } finally {
      await tls.close();
    }
  });
});
