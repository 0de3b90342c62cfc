// A virtual ioConnect device on HTTP, behaving like the firmware's Linux DeviceRegister example
// (PROTOCOL.md §5): GET /did, GET /diddoc, POST (any path) signs, OPTIONS preflight, CORS open,
// cJSON-formatted bodies, and on anything unexpected no answer at all — the socket just closes,
// because that is what a web client meets with real hardware.

import { mkdir } from "node:fs/promises";
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import QRCode from "qrcode";
import { identityQrText } from "../../lib/device/simulated/identityQr";
import { createVirtualDevice, formatLikeCJSON, MAX_SIGN_REQUEST_BYTES, type HighSMode, type VirtualDevice } from "../../lib/device/simulated/virtualDevice";
import { createSelfSignedCertificate, type SelfSignedCertificate } from "./certificate";

export interface VirtualDeviceServerOptions {
  /** 0 picks a free port. The firmware's is 8000. */
  port?: number;
  /** The firmware is IPv4-only. */
  host?: string;
  seed?: string;
  privateKey?: `0x${string}`;
  projectName?: string;
  highS?: HighSMode;
  /** JWKs in /diddoc carry `"d": ""`, as ioConnect writes them without a private key. */
  emptyD?: boolean;
  /** A faulty or hostile device: /diddoc serves the document of the device with this seed instead of its own. */
  diddocOf?: string;
  /** Serve https like ESP32 boards: `true` makes a self-signed certificate, or pass one. */
  https?: boolean | SelfSignedCertificate;
  /** Called once per request, for a CLI log; tests leave it unset. */
  log?: (line: string) => void;
}

export interface VirtualDeviceServer {
  url: string;
  port: number;
  device: VirtualDevice;
  close(): Promise<void>;
}

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "*",
  "Access-Control-Allow-Headers": "*",
} as const;

export async function startVirtualDeviceServer(options: VirtualDeviceServerOptions = {}): Promise<VirtualDeviceServer> {
  const { port = 8000, host = "127.0.0.1", log } = options;
  const device = createVirtualDevice({ seed: options.seed, privateKey: options.privateKey, projectName: options.projectName, highS: options.highS, emptyD: options.emptyD });
  const documentSource = options.diddocOf === undefined ? undefined : createVirtualDevice({ seed: options.diddocOf });
  const sockets = new Set<Socket>();

  const drop = (req: IncomingMessage, why: string) => {
    log?.(`${req.method} ${req.url} → connection closed (${why})`);
    req.socket.destroy();
  };

  const answer = (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    const text = formatLikeCJSON(body);
    res.writeHead(200, { ...CORS, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), Connection: "close" });
    res.end(text);
    log?.(`${req.method} ${req.url} → 200 ${JSON.stringify(body).slice(0, 100)}`);
  };

  const handler: RequestListener = (req, res) => {
    const pathname = (req.url ?? "/").split("?")[0];
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...CORS, Connection: "close" });
      res.end();
      log?.(`OPTIONS ${req.url} → 204`);
      return;
    }
    if (req.method === "GET" && pathname === "/did") return answer(req, res, device.didJson());
    if (req.method === "GET" && pathname === "/diddoc") return answer(req, res, (documentSource ?? device).diddocJson());
    if (req.method !== "POST") return drop(req, "unknown path");

    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_SIGN_REQUEST_BYTES) {
        drop(req, `body over ${MAX_SIGN_REQUEST_BYTES} bytes`);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (req.socket.destroyed) return;
      // Signing is synchronous, so requests are served strictly one at a time, as on the firmware.
      const outcome = device.handleSignRequest(new Uint8Array(Buffer.concat(chunks)));
      if (outcome.kind === "unreadable") return drop(req, outcome.reason);
      if (outcome.kind === "signed" && outcome.note) log?.(`  note: ${outcome.note}`);
      if (outcome.kind === "failed") log?.(`  refused: ${outcome.reason}`);
      answer(req, res, outcome.answer);
    });
  };
  const tls = options.https === true ? await createSelfSignedCertificate(host) : options.https || undefined;
  const server = tls ? createHttpsServer(tls, handler) : createServer(handler);

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `${tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;

  return {
    url,
    port: actualPort,
    device,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The identity QR as terminal text and as a PNG file (for scanning from another screen or an e2e camera stand-in). */
export async function writeIdentityQr(server: Pick<VirtualDeviceServer, "device" | "url" | "port">, directory: string): Promise<{ terminal: string; pngPath: string; text: string }> {
  const text = identityQrText(server.device, server.url);
  await mkdir(directory, { recursive: true });
  const pngPath = path.join(directory, `device-${server.port}.png`);
  await QRCode.toFile(pngPath, text, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 512 });
  const terminal = await QRCode.toString(text, { type: "terminal", small: true, errorCorrectionLevel: "L" });
  return { terminal, pngPath, text };
}
