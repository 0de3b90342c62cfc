"use client";

import { useTranslations } from "next-intl";
import { useText } from "@/components/i18n/useText";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { isDeviceError } from "@/lib/untrusted/errors";
import type { DeviceSession } from "@/lib/device/session";
import type { OtherSource } from "./types";

// What the two live-link sources (Bluetooth, USB cable) share: open a session, ask the device who it
// is, hand text + session to the claim flow, and close the session on every way out before that.
// After the hand-over the claim flow owns the session (it signs through it, then closes it).

/** The owner closed the browser's device chooser: not an error worth a message. */
export class ChooserCancelled extends Error {}

export type LinkStatus = { kind: "idle" } | { kind: "busy"; step: string } | { kind: "failed"; message: string };

export interface LinkControls {
  /** Shown while waiting: what the app is doing now. */
  step(text: string): void;
  /** The session to close if anything fails (or the source unmounts) before the hand-over. */
  track(session: DeviceSession): void;
}

/**
 * Runs one connection attempt at a time. `run` opens the link and returns the identity text the claim
 * parser reads; `describe` turns a transport's own exceptions into one sentence for the owner.
 */
export function useDeviceLink(onInput: (raw: string, session?: DeviceSession) => void, describe: (error: unknown) => string) {
  const t = useTranslations("Sources.link");
  const [status, setStatus] = useState<LinkStatus>({ kind: "idle" });
  const pending = useRef<DeviceSession | undefined>(undefined);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // Leaving the source mid-connection (another tab, another page): nobody will use this link.
      void pending.current?.close();
      pending.current = undefined;
    };
  }, []);

  const connect = useCallback(
    async (run: (controls: LinkControls) => Promise<string>) => {
      let session: DeviceSession | undefined;
      const update = (next: LinkStatus) => mounted.current && setStatus(next);
      update({ kind: "busy", step: t("waiting") });
      try {
        const text = await run({
          step: (step) => update({ kind: "busy", step }),
          track: (s) => {
            session = s;
            pending.current = s;
          },
        });
        if (!mounted.current) throw new Error("The source was closed while connecting.");
        pending.current = undefined;
        update({ kind: "idle" });
        onInput(text, session);
      } catch (error) {
        pending.current = undefined;
        await session?.close();
        update(error instanceof ChooserCancelled ? { kind: "idle" } : { kind: "failed", message: describe(error) });
      }
    },
    [onInput, describe, t],
  );

  return { status, connect };
}

/** Opens the browser's device chooser; closing it without a pick (NotFoundError) becomes ChooserCancelled. */
export async function fromChooser<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    throw domErrorName(error) === "NotFoundError" ? new ChooserCancelled() : error;
  }
}

/** DOMException names as Web Bluetooth and Web Serial raise them; `undefined` for anything else. */
function domErrorName(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "name" in error && typeof error.name === "string" && error.name !== "Error" ? error.name : undefined;
}

/**
 * How a source explains failures: a device session's errors already say what happened and what to do;
 * the browser's own (DOMException names) get the source's sentences, anything else `fallback: message`.
 * A hook, for the owner's language; pass `byName` memoised so the describer stays stable.
 */
export function useLinkProblem(byName: Readonly<Record<string, string>>, fallback: string): (error: unknown) => string {
  const t = useTranslations("Sources.link");
  const say = useText();
  return useCallback(
    (error: unknown) => {
      if (isDeviceError(error)) return say(error.said);
      const name = domErrorName(error);
      const known = name === undefined ? undefined : byName[name];
      return known ?? t("failedWith", { fallback, detail: error instanceof Error ? error.message : String(error) });
    },
    [byName, fallback, t, say],
  );
}

/** Why a live-link API is missing here: a key of the "Sources.link" messages. */
export type MissingApi = "insecureBluetooth" | "insecureSerial" | "noBluetooth" | "noSerial";

/** One line on why this browser cannot do it, with the ways in that do work here as inline choices. */
export function Unavailable({ reason, otherSources = [] }: { reason: MissingApi; otherSources?: readonly OtherSource[] | undefined }) {
  const t = useTranslations("Sources.link");
  return (
    <p className="text-sm text-slate-700" data-testid="source-unavailable">
      {t(reason)}{" "}
      {otherSources.map((s, i) => (
        <span key={s.label}>
          {i > 0 && " · "}
          <button type="button" className="font-medium text-brand-700 underline" onClick={s.choose}>
            {s.label}
          </button>
        </span>
      ))}
    </p>
  );
}

/** Why a live-link API is missing here, or undefined when it is present. */
export function missingApi(api: "bluetooth" | "serial"): MissingApi | undefined {
  if (!window.isSecureContext) return api === "bluetooth" ? "insecureBluetooth" : "insecureSerial";
  if (api in navigator) return undefined;
  return api === "bluetooth" ? "noBluetooth" : "noSerial";
}

/** Device messages quote commands in backticks (`getdid`): shown as code. */
function withCode(text: string): ReactNode[] {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

export function LinkStatusView({ status, children }: { status: LinkStatus; children?: ReactNode }) {
  if (status.kind === "idle") return null;
  if (status.kind === "busy") {
    return (
      <div role="status" aria-live="polite" className="space-y-1 text-sm text-slate-600">
        <p data-testid="link-step">{status.step}</p>
        {children}
      </div>
    );
  }
  return (
    <div role="alert" className="space-y-1 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p data-testid="link-error">{withCode(status.message)}</p>
      {children}
    </div>
  );
}
