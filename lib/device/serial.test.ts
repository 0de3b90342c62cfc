import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { formatLikeCJSON } from "../did/cjson";
import { SIGN_FAILURE } from "./ioconnect";
import { createSerialDeviceSession } from "./serial";
import { MAX_SERIAL_BUFFER_BYTES, SerialAnswerReader, type SerialReadEvent } from "./serialReader";
import { createSerialResponder, createVirtualSerialPort, type SerialResponderOptions } from "./simulated/serialDevice";
import { recoverDeviceSignature } from "./signature";
import { createVirtualDevice } from "./simulated/virtualDevice";
import { rejection, seeded } from "./testing";
import { english } from "../i18n/renderText";

const device = createVirtualDevice({ seed: "serial" });
const digest = keccak256(stringToBytes("serial test"));
const encode = (text: string) => new TextEncoder().encode(text);
const answersOf = (events: SerialReadEvent[]) => events.flatMap((e) => (e.type === "answer" ? [e.value] : []));

function connect(options: SerialResponderOptions & { boot?: boolean } = {}, stepTimeoutMs = 2000) {
  const port = createVirtualSerialPort(createSerialResponder(device, options), { boot: options.boot ?? false });
  const session = createSerialDeviceSession(port, { stepTimeoutMs });
  return { port, session };
}

describe("SerialAnswerReader", () => {
  const didText = formatLikeCJSON(device.didJson());

  it("finds a cJSON answer pushed whole or byte by byte", () => {
    expect(answersOf(new SerialAnswerReader().push(encode(didText)))).toEqual([device.didJson()]);
    const reader = new SerialAnswerReader();
    const events = [...encode(didText)].flatMap((byte) => reader.push(new Uint8Array([byte])));
    expect(answersOf(events)).toEqual([device.didJson()]);
    expect(reader.bufferedBytes).toBe(0);
  });

  it("joins UTF-8 characters split across chunks", () => {
    const text = JSON.stringify({ did: "x", note: "héllo ✓ 🚀" });
    const bytes = encode(text);
    const reader = new SerialAnswerReader();
    const events = [...bytes].flatMap((byte) => reader.push(new Uint8Array([byte])));
    expect(answersOf(events)).toEqual([JSON.parse(text)]);
  });

  it("skips ESP-IDF logs (colour codes and braces included), prompts, boot text and blank lines", () => {
    const stream = [
      "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET)\r\n",
      '\x1b[0;32mI (312) ioConnect: got {"did": "not an answer"}\x1b[0m\n',
      'W (400) uart: {"unbalanced\n',
      "\n\n> ",
      didText,
      "\nE (500) psa: }}}} {{{\n",
      "ioConnect> ",
      JSON.stringify({ sign: "0x00" }),
      "\n",
    ].join("");
    expect(answersOf(new SerialAnswerReader().push(encode(stream)))).toEqual([device.didJson(), { sign: "0x00" }]);
  });

  it("recovers from noise with a stray brace or quote before an answer", () => {
    const reader = new SerialAnswerReader();
    const events = reader.push(encode(`boot {partial\n${didText}\nsaid "hi {\n{"sign":"0x01"}\n`));
    expect(answersOf(events)).toEqual([device.didJson(), { sign: "0x01" }]);
    expect(reader.discarded).toBeGreaterThan(0);
  });

  it("drops brace-balanced text that is not JSON", () => {
    const reader = new SerialAnswerReader();
    expect(answersOf(reader.push(encode("{not json} {\"did\":1}")))).toEqual([{ did: 1 }]);
    expect(reader.discarded).toBe(1);
  });

  it("reports an over-long object once, stays within its bound, and reads the next answer", () => {
    const reader = new SerialAnswerReader();
    const huge = JSON.stringify({ did: "x".repeat(MAX_SERIAL_BUFFER_BYTES * 2) });
    const events: SerialReadEvent[] = [];
    for (let at = 0; at < huge.length; at += 100) {
      events.push(...reader.push(encode(huge.slice(at, at + 100))));
      expect(reader.bufferedBytes).toBeLessThanOrEqual(MAX_SERIAL_BUFFER_BYTES);
    }
    events.push(...reader.push(encode(`\n${didText}`)));
    expect(events.filter((e) => e.type === "error").map((e) => e.type === "error" && e.error.code)).toEqual(["serial-oversize"]);
    expect(answersOf(events)).toEqual([device.didJson()]);
  });
});

describe("createSerialDeviceSession with the virtual device", () => {
  it("identifies, reads the document and signs over a clean line", async () => {
    const { port, session } = connect();
    expect(session.transport).toBe("serial");
    const identity = await session.identify();
    expect(identity).toMatchObject({ did: device.did, publicKey: device.publicKey, projectName: "IoTeX_Simulator" });
    const doc = await session.diddoc();
    expect(doc.verificationMethodId).toBe(`${device.did}#Key-secp256k1-1`);
    const rs = await session.sign(digest);
    expect(recoverDeviceSignature({ digest, rs, device: device.did }).signer).toBe(device.address);
    expect(port.written).toBe(`getdid\ngetdiddoc\n{"hex":"${digest}"}\n`);
    expect(session.progress.answers).toBe(3);
    await session.close();
  });

  it("reads answers delivered one byte at a time", async () => {
    const { session } = connect({ chunk: () => 1 });
    expect((await session.identify()).did).toBe(device.did);
    expect((await session.diddoc()).document.id).toBe(device.did);
  });

  it("reads through boot noise, log lines between answers and random small chunks", async () => {
    const { port, session } = connect({ noise: true, random: seeded(7), boot: true });
    port.inject("\x1b[0;32mI (99) main: stray {json} in a log line\x1b[0m\n");
    expect((await session.identify()).did).toBe(device.did);
    expect((await session.diddoc()).document.id).toBe(device.did);
    const rs = await session.sign(digest);
    expect(recoverDeviceSignature({ digest, rs, device: device.did }).signer).toBe(device.address);
    expect(session.progress.lines.some((line) => /^\x1b\[0;3\dm[IWE] \(\d+\)/.test(line))).toBe(true);
    expect(session.progress.bytesRead).toBeGreaterThan(1000);
  });

  it("serves concurrent requests one at a time, in order", async () => {
    const { port, session } = connect({ noise: true, random: seeded(3) });
    const digests = [1, 2, 3].map((i) => keccak256(stringToBytes(`d${i}`)));
    const [identity, ...signatures] = await Promise.all([session.identify(), ...digests.map((d) => session.sign(d))]);
    expect(identity.did).toBe(device.did);
    signatures.forEach((rs, i) => expect(recoverDeviceSignature({ digest: digests[i]!, rs, device: device.did }).signer).toBe(device.address));
    expect(port.written.split("\n").filter(Boolean)).toHaveLength(4);
  });

  it("skips an unsolicited answer that arrives before the one asked for", async () => {
    const { port, session } = connect();
    port.inject(`${formatLikeCJSON({ sign: `0x${"11".repeat(64)}` })}\n`);
    expect((await session.identify()).did).toBe(device.did);
  });

  it("times out on silence, naming the command and the baud rate", async () => {
    const { port, session } = connect({}, 60);
    port.muted = true;
    const error = await rejection(session.identify(), "serial-timeout");
    expect(english(error.said)).toBe("The device did not answer `getdid` within 60 ms: is it the right port and baud rate (115200)?");
  });

  it("says garbage when bytes arrive but no answer does", async () => {
    const { port, session } = connect({}, 80);
    port.muted = true;
    const pending = session.identify();
    port.inject(new Uint8Array([0xff, 0x00, 0xfe, 0x80, 0x41, 0x0a, 0x42]));
    const error = await rejection(pending, "serial-garbage");
    expect(english(error.said)).toMatch(/sent 7 bytes within 80 ms after `getdid`, but none of it was a JSON answer .*baud rate/);

    const partial = session.diddoc();
    port.inject('{"diddoc": {"id": ');
    expect(english((await rejection(partial, "serial-garbage")).said)).toMatch(/an answer started but did not finish/);
  });

  it("turns the firmware's sign failure into device-sign-failed", async () => {
    const port = createVirtualSerialPort({ boot: () => [], receive: () => [encode(`${formatLikeCJSON(SIGN_FAILURE)}\n`)] });
    const session = createSerialDeviceSession(port, { stepTimeoutMs: 1000 });
    await rejection(session.sign(digest), "device-sign-failed");
  });

  it("fails with serial-oversize when the device floods an object", async () => {
    const { port, session } = connect({}, 1000);
    port.muted = true;
    const pending = session.identify();
    port.inject(`{"did": "${"x".repeat(MAX_SERIAL_BUFFER_BYTES)}"}`);
    await rejection(pending, "serial-oversize");
  });

  it("reports a disconnect mid-answer, and every call after it", async () => {
    const { port, session } = connect({ chunk: () => 16 });
    port.unplug(40);
    const error = await rejection(session.identify(), "serial-disconnected");
    expect(english(error.said)).toMatch(/unplugged or reset/);
    await rejection(session.diddoc(), "serial-disconnected");
    expect(session.progress.bytesRead).toBe(40);
    expect(session.progress.lines.join("")).toContain('"did"');
  });

  it("reports a write failure as a disconnect", async () => {
    const session = createSerialDeviceSession({
      write: () => Promise.reject(new Error("The device has been lost.")),
      readable: { read: () => new Promise<never>(() => undefined) },
      close: async () => undefined,
    });
    expect(english((await rejection(session.identify(), "serial-disconnected")).said)).toMatch(/writing failed: The device has been lost/);
  });

  it("reads from a ReadableStream and refuses calls after close", async () => {
    const port = createVirtualSerialPort(createSerialResponder(device));
    const iterator = port.readable[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    const session = createSerialDeviceSession({ write: (b) => port.write(b), readable: stream, close: () => port.close() });
    expect((await session.identify()).did).toBe(device.did);
    await session.close();
    await session.close();
    await rejection(session.identify(), "session-closed");
    await rejection(session.sign(digest), "session-closed");
  });

  it("rejects a malformed digest before writing anything", async () => {
    const { port, session } = connect();
    await rejection(session.sign("0x1234"), "digest-invalid");
    expect(port.written).toBe("");
  });
});

describe("createSerialResponder", () => {
  it("answers like the firmware: line-buffered, blank lines and quit ignored, oversized lines refused", () => {
    const responder = createSerialResponder(device);
    const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c)).join("");
    expect(responder.receive(encode("get"))).toEqual([]);
    expect(text(responder.receive(encode("did\r\n")))).toBe(`${formatLikeCJSON(device.didJson())}\n`);
    expect(responder.receive(encode("\r\n\nquit\n"))).toEqual([]);
    expect(JSON.parse(text(responder.receive(encode(`${"x".repeat(1100)}`))))).toEqual(SIGN_FAILURE);
    expect(responder.receive(encode("rest of the long line\n"))).toEqual([]);
    expect(responder.boot()).toEqual([]);
  });

  it("keeps chunks within 128 bytes with noise on", () => {
    const responder = createSerialResponder(device, { noise: true, random: seeded(11) });
    const chunks = responder.receive(encode("getdiddoc\n"));
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(128);
  });
});
