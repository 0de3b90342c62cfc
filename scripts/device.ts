// `npm run device -- [options]`: a virtual ioConnect device on HTTP (or, with --serial, on
// stdin/stdout), for development and demos without hardware. Several can run side by side.

import path from "node:path";
import { parseArgs } from "node:util";
import { startInboxClient } from "./device/inbox";
import { runSerialDevice } from "./device/serial";
import { startVirtualDeviceServer, writeIdentityQr } from "./device/server";
import { createVirtualDevice, type HighSMode } from "../lib/device/simulated/virtualDevice";

const HELP = `Usage: npm run device -- [options]

Runs a virtual ioConnect device that answers like the firmware's Linux example:
  GET /did, GET /diddoc, POST /sign {"hex":"0x<64 hex>"} → {"sign":"0x<r‖s>"}
With --https it serves the same over https with a self-signed certificate, like ESP32 boards.
With --serial it speaks the serial protocol on stdin/stdout instead (docs/serial-protocol.md):
  getdid, getdiddoc, {"hex":"0x<64 hex>"} — one command per line; logs go to stderr.

Options:
  --port <n>              TCP port (default 8000, the firmware's)
  --host <addr>           IPv4 address to listen on (default 127.0.0.1)
  --seed <text>           derive the device keys from this text (default "demo");
                          the same seed is the same device on every run
  --high-s <mode>         random | always | never: how s is shaped (default random;
                          real devices do not enforce low s)
  --project-name <name>   project_name in /did (default IoTeX_Simulator)
  --empty-d               publish the /diddoc keys with "d": "", as ioConnect writes
                          them when no private key is loaded
  --diddoc-of <seed>      serve the /diddoc of the device with that seed instead of its
                          own: a faulty or hostile device, for testing the claim's checks
  --https                 serve https with a certificate made at start by the openssl
                          command; browsers warn until you accept it once
  --serial                serve the serial protocol on stdin/stdout instead of HTTP
  --dialect <d>           with --serial: json (Linux, ESP32; default) or nordic, which
                          signs only lines starting with S: S{"hex":"0x…"}
  --noise                 with --serial: print ESP-IDF-style log lines and split
                          answers into small chunks, like a real board
  --inbox <app url>       also talk to that app's device inbox (docs/inbox.md): request a
                          token, send encrypted telemetry every few seconds, open replies
  --quiet                 do not log requests
  -h, --help              show this help
`;

function fail(message: string): never {
  process.stderr.write(`device: ${message}\n\n${HELP}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", default: "8000" },
        host: { type: "string", default: "127.0.0.1" },
        seed: { type: "string", default: "demo" },
        "high-s": { type: "string", default: "random" },
        "project-name": { type: "string", default: "IoTeX_Simulator" },
        https: { type: "boolean", default: false },
        "empty-d": { type: "boolean", default: false },
        "diddoc-of": { type: "string" },
        serial: { type: "boolean", default: false },
        dialect: { type: "string", default: "json" },
        noise: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        inbox: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  const highS = values["high-s"];
  if (highS !== "random" && highS !== "always" && highS !== "never") fail(`--high-s must be random, always or never, got "${highS}"`);
  if (values.noise && !values.serial) fail("--noise only applies with --serial");
  const dialect = values.dialect;
  if (dialect !== "json" && dialect !== "nordic") fail(`--dialect must be json or nordic, got "${dialect}"`);
  if (dialect !== "json" && !values.serial) fail("--dialect only applies with --serial");
  if (values.https && values.serial) fail("--https and --serial exclude each other");
  if (values["diddoc-of"] !== undefined && values.serial) fail("--diddoc-of only applies over HTTP");

  if (values.serial) {
    const device = createVirtualDevice({ seed: values.seed, highS: highS as HighSMode, projectName: values["project-name"], emptyD: values["empty-d"] });
    const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
    log(`Virtual ioConnect device on stdin/stdout (seed "${values.seed}", s: ${highS}, ${dialect} dialect${values.noise ? ", noisy" : ""}): ${device.did}`);
    await runSerialDevice({ device, input: process.stdin, output: process.stdout, noise: values.noise, dialect, log: values.quiet ? undefined : log });
    return;
  }

  const server = await startVirtualDeviceServer({
    port,
    host: values.host,
    seed: values.seed,
    highS: highS as HighSMode,
    projectName: values["project-name"],
    https: values.https,
    emptyD: values["empty-d"],
    diddocOf: values["diddoc-of"],
    log: values.quiet ? undefined : (line) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
  }).catch((error: NodeJS.ErrnoException) => {
    fail(error.code === "EADDRINUSE" ? `port ${port} on ${values.host} is already in use` : error.message);
  });

  const qr = await writeIdentityQr(server, path.resolve(import.meta.dirname, "..", ".devnet"));
  process.stdout.write(
    [
      `Virtual ioConnect device (seed "${values.seed}", s: ${highS})`,
      `  DID      ${server.device.did}`,
      `  address  ${server.device.address}`,
      `  URL      ${server.url}  (GET /did, GET /diddoc, POST /sign)`,
      ...(values.https ? [`  Open ${server.url}/did in the browser once and accept the certificate warning.`] : []),
      `  QR PNG   ${path.relative(process.cwd(), qr.pngPath) || qr.pngPath}`,
      "",
      qr.terminal,
      "",
    ].join("\n"),
  );

  const inbox = values.inbox ? startInboxClient({ device: server.device, appUrl: values.inbox, log: (line) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`) }) : undefined;

  const stop = () => {
    inbox?.stop();
    void server.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void main();
