// A self-signed certificate for `npm run device -- --https`, made at start with Debian's `openssl`
// CLI (no npm package): ESP32 boards serve their endpoints over https with a certificate of their
// own, which browsers do not trust until the owner accepts it once.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export interface SelfSignedCertificate {
  key: string;
  cert: string;
}

/** A P-256 key and a certificate for `host` (and localhost / 127.0.0.1), valid for 30 days. */
export async function createSelfSignedCertificate(host: string): Promise<SelfSignedCertificate> {
  const directory = await mkdtemp(path.join(tmpdir(), "ioconnect-device-"));
  const keyPath = path.join(directory, "key.pem");
  const certPath = path.join(directory, "cert.pem");
  const names = new Set([/^[\d.]+$/.test(host) ? `IP:${host}` : `DNS:${host}`, "IP:127.0.0.1", "DNS:localhost"]);
  try {
    await promisify(execFile)("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", keyPath, "-out", certPath, "-days", "30",
      "-subj", "/CN=ioConnect virtual device", "-addext", `subjectAltName=${[...names].join(",")}`,
    ]);
    return { key: await readFile(keyPath, "utf8"), cert: await readFile(certPath, "utf8") };
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new Error(missing ? "--https needs the openssl command (Debian: apt-get install openssl)" : `openssl could not make a certificate: ${(cause as Error).message}`, { cause });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
