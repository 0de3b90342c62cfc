"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/Card";
import { CameraFrame } from "./CameraFrame";
import { frameToImageData, QrDecoder } from "./qrDecoder";

/** What went wrong, as a key of the "Sources.camera" messages (the decoder's own detail goes in the sentence). */
type CameraProblem = { key: "decoderFailed"; detail: string } | { key: "denied" | "notFound" | "inUse" | "failed" | "insecure" };

function cameraProblem(error: unknown): CameraProblem {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return { key: "denied" };
  if (name === "NotFoundError" || name === "OverconstrainedError") return { key: "notFound" };
  if (name === "NotReadableError") return { key: "inUse" };
  return { key: "failed" };
}

/**
 * The site's camera permission as the browser states it, undefined where it cannot say (a browser without the
 * Permissions API, or one that does not know the "camera" name).
 */
async function cameraPermission(): Promise<PermissionState | undefined> {
  try {
    return (await navigator.permissions?.query({ name: "camera" as PermissionName }))?.state;
  } catch {
    return undefined;
  }
}

/** getUserMedia exists only in a secure context (https, localhost), and not in every browser. */
const cameraUsable = () => window.isSecureContext && Boolean(navigator.mediaDevices?.getUserMedia);

/**
 * Live QR scanning: rear camera first, decoding off the main thread, one frame in flight at a time. It keeps
 * scanning after a code (the fleet queue takes one code after another); `prompt` lets such a host say so.
 * The camera starts on arrival only where the site already has the permission: otherwise the owner starts it,
 * so the browser's question comes after they chose to scan, never as the page opens (and not at all for the
 * owner who came to paste or use Bluetooth).
 */
export function CameraSource({ onInput, prompt }: { onInput: (raw: string) => void; prompt?: string }) {
  const t = useTranslations("Sources.camera");
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<CameraProblem | undefined>(() => (cameraUsable() ? undefined : { key: "insecure" }));
  const [start, setStart] = useState<"checking" | "ask" | "go">("checking");
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string>();
  const [scanning, setScanning] = useState(false);
  const onInputRef = useRef(onInput);
  useEffect(() => {
    onInputRef.current = onInput;
  }, [onInput]);

  useEffect(() => {
    if (!cameraUsable()) return;
    let live = true;
    void cameraPermission().then((state) => {
      if (!live) return;
      // Denied: say so now; asking would only fail without a word from the browser.
      if (state === "denied") setProblem({ key: "denied" });
      else setStart(state === "granted" ? "go" : "ask");
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    // "go" only follows a permission read above, which a page without a usable camera never makes.
    if (start !== "go") return;
    let stream: MediaStream | undefined;
    let frame = 0;
    let stopped = false;
    let lastText = "";
    const decoder = new QrDecoder();

    const scan = async () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= 2 && !decoder.busy) {
        const image = frameToImageData(v, v.videoWidth, v.videoHeight, 640);
        let text: string | undefined;
        try {
          text = image && (await decoder.decode(image));
        } catch (error) {
          setProblem({ key: "decoderFailed", detail: error instanceof Error ? error.message : String(error) });
          return;
        }
        // The same code stays in view for many frames: report it once.
        if (text && text !== lastText && !stopped) {
          lastText = text;
          onInputRef.current(text);
        }
      }
      frame = requestAnimationFrame(() => void scan());
    };

    navigator.mediaDevices
      .getUserMedia({
        video: cameraId ? { deviceId: { exact: cameraId } } : { facingMode: { ideal: "environment" }, width: { ideal: 640 }, height: { ideal: 480 } },
        audio: false,
      })
      .then(async (s) => {
        if (stopped) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          await video.current.play().catch(() => undefined);
        }
        setScanning(true);
        setProblem(undefined);
        setCameras((await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === "videoinput"));
        void scan();
      })
      .catch((error: unknown) => setProblem(cameraProblem(error)));

    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((t) => t.stop());
      decoder.dispose();
      setScanning(false);
    };
  }, [cameraId, start]);

  if (problem) {
    return (
      <CameraFrame dark={false}>
        <p role="alert" className="text-sm text-red-800">
          {problem.key === "decoderFailed" ? t("decoderFailed", { detail: problem.detail }) : t(problem.key)}
        </p>
      </CameraFrame>
    );
  }
  // The permission read takes a moment: the panel holds its place, with nothing to say yet.
  if (start === "checking") return <CameraFrame />;
  if (start === "ask") {
    return (
      <CameraFrame
        below={
          <p role="status" className="text-sm text-slate-600">
            {t("startHint")}
          </p>
        }
      >
        <button type="button" className={`${buttonClass.primary} mx-auto`} onClick={() => setStart("go")}>
          {t("start")}
        </button>
      </CameraFrame>
    );
  }
  return (
    <CameraFrame
      below={
        <>
          <p role="status" className="text-sm text-slate-600">
            {scanning ? (prompt ?? t("prompt")) : t("starting")}
          </p>
          {cameras.length > 1 && (
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => {
                const index = cameras.findIndex((c) => c.deviceId === cameraId);
                setCameraId(cameras[(index + 1) % cameras.length]?.deviceId);
              }}
            >
              {t("switch")}
            </button>
          )}
        </>
      }
    >
      <video ref={video} muted playsInline aria-label={t("preview")} className="size-full object-cover" />
    </CameraFrame>
  );
}
