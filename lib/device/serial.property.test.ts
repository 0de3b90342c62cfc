import fc from "fast-check";
import { keccak256, stringToBytes } from "viem";
import { describe, expect, it } from "vitest";
import { formatLikeCJSON } from "../did/cjson";
import { DeviceError } from "../untrusted/errors";
import { createSerialDeviceSession } from "./serial";
import { MAX_SERIAL_BUFFER_BYTES, SerialAnswerReader, type SerialReadEvent } from "./serialReader";
import { recoverDeviceSignature } from "./signature";
import { createSerialResponder, createVirtualSerialPort } from "./simulated/serialDevice";
import { createVirtualDevice } from "./simulated/virtualDevice";

const device = createVirtualDevice({ seed: "serial-fuzz" });
const ANSWERS = [device.didJson(), device.diddocJson(), device.sign(keccak256(stringToBytes("x"))), { Sign: "Failed to Signature" }];
const NOISE = [
  "\x1b[0;32mI (1234) ioConnect: {\"did\": \"log, not an answer\"}\x1b[0m\n",
  "W (99) wifi: retry\n",
  "\n",
  "\r\n",
  "> ",
  "ets Jun  8 2016 00:22:57\r\n",
  "}}} stray closers\n",
  "\x1b[0;32m[00:00:01.234,567] <inf> app: got {\"did\": \"zephyr log, not an answer\"}\x1b[0m\n",
  "*** Booting nRF Connect SDK v2.6.1 ***\r\n",
];
const encode = (text: string) => new TextEncoder().encode(text);

/** A stream of answers (cJSON or compact) with noise lines between them, and the answers it holds. */
const answerStream = fc
  .array(fc.tuple(fc.constantFrom(...ANSWERS), fc.boolean(), fc.array(fc.constantFrom(...NOISE), { maxLength: 3 })), { minLength: 1, maxLength: 4 })
  .map((parts) => ({
    bytes: encode(parts.map(([answer, pretty, noise]) => `${noise.join("")}${pretty ? formatLikeCJSON(answer) : JSON.stringify(answer)}\n`).join("")),
    answers: parts.map(([answer]) => answer),
  }));

function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const sorted = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const bounds = [0, ...sorted, bytes.length];
  return bounds.slice(1).map((end, i) => bytes.slice(bounds[i], end));
}

function feed(reader: SerialAnswerReader, chunks: Uint8Array[], bound: number): SerialReadEvent[] {
  const events: SerialReadEvent[] = [];
  for (const chunk of chunks) {
    events.push(...reader.push(chunk));
    expect(reader.bufferedBytes).toBeLessThanOrEqual(bound);
  }
  return events;
}

describe("SerialAnswerReader properties", () => {
  it("any chunking of an answer stream gives the same answers", () => {
    fc.assert(
      fc.property(answerStream, fc.array(fc.nat(), { maxLength: 60 }), ({ bytes, answers }, points) => {
        const events = feed(new SerialAnswerReader(), cut(bytes, points), MAX_SERIAL_BUFFER_BYTES);
        expect(events.map((e) => (e.type === "answer" ? e.value : e.error.code))).toEqual(answers);
      }),
      { numRuns: 500 },
    );
  });

  it("random bytes and noise never throw and never exceed the bound", () => {
    const bound = 256;
    const braces = fc.string({ unit: fc.constantFrom("{", "}", '"', "\\", "\n", "a", ":", ",", " ", "\x1b"), maxLength: 800 }).map(encode);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 300 }), braces, fc.constantFrom(...NOISE.map(encode))), { maxLength: 12 }), (chunks) => {
        const reader = new SerialAnswerReader({ maxBytes: bound });
        const events = [...feed(reader, chunks, bound), ...reader.end()];
        for (const event of events) if (event.type === "error") expect(event.error).toBeInstanceOf(DeviceError);
      }),
      { numRuns: 1000 },
    );
  });

  it("an answer after any garbage line is still found", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }).map((s) => s.replace(/[\r\n]/g, "")), (garbage) => {
        const reader = new SerialAnswerReader();
        const events = [...reader.push(encode(`${garbage}\n`)), ...reader.push(encode(`${formatLikeCJSON(ANSWERS[0])}\n`))];
        const answers = events.flatMap((e) => (e.type === "answer" ? [e.value] : []));
        expect(answers.at(-1)).toEqual(ANSWERS[0]);
      }),
      { numRuns: 500 },
    );
  });

  it("both sign dialects: any chunking and log noise, the session identifies, signs and tells the dialect", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("json" as const, "nordic" as const), fc.integer(), fc.integer({ min: 1, max: 128 }), async (dialect, seed, maxChunk) => {
        let state = seed >>> 0;
        const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
        const chunk = (remaining: number) => 1 + Math.floor(random() * Math.min(maxChunk, remaining));
        const port = createVirtualSerialPort(createSerialResponder(device, { dialect, noise: true, random, chunk }), { boot: true });
        // A JSON device's answer, cut into 1-byte chunks between log noise, must land inside the probe even on a
        // busy machine (25 ms was missed at load 14); a Nordic run waits the probe out, so it stays well under a second.
        const session = createSerialDeviceSession(port, { stepTimeoutMs: 3000, dialectProbeMs: 250 });
        expect((await session.identify()).did).toBe(device.did);
        const digest = keccak256(stringToBytes(`fuzz ${seed}`));
        const rs = await session.sign(digest);
        expect(recoverDeviceSignature({ digest, rs, device: device.did }).signer).toBe(device.address);
        expect(session.dialect).toBe(dialect);
        await session.close();
      }),
      { numRuns: 40 },
    );
  });
});
