"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/Card";
import { CameraFrame } from "./CameraFrame";
import { frameToImageData, QrDecoder } from "./qrDecoder";

function decoderProblem(error: unknown): string {
  return `The QR decoder could not load (${error instanceof Error ? error.message : String(error)}). Check your connection and reload the page, or use Paste with the code's text.`;
}

function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "Camera access was denied. Allow the camera for this site in your browser settings, or upload a photo of the code instead.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No camera was found. Upload a photo of the code or paste it instead.";
  if (name === "NotReadableError") return "The camera is in use by another app. Close it and try again.";
  return "The camera could not start. Upload a photo of the code or paste it instead.";
}

/**
 * Live QR scanning: rear camera first, decoding off the main thread, one frame in flight at a time. It keeps
 * scanning after a code (the fleet queue takes one code after another); `prompt` lets such a host say so.
 */
export function CameraSource({ onInput, prompt = "Point the camera at the device's QR code." }: { onInput: (raw: string) => void; prompt?: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | undefined>(() =>
    !window.isSecureContext || !navigator.mediaDevices?.getUserMedia
      ? "The camera needs a secure page (https or localhost). Upload a photo of the code or paste it instead."
      : undefined,
  );
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string>();
  const [scanning, setScanning] = useState(false);
  const onInputRef = useRef(onInput);
  useEffect(() => {
    onInputRef.current = onInput;
  }, [onInput]);

  useEffect(() => {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) return;
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
          setProblem(decoderProblem(error));
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
  }, [cameraId]);

  if (problem) {
    return (
      <CameraFrame dark={false}>
        <p role="alert" className="text-sm text-red-800">
          {problem}
        </p>
      </CameraFrame>
    );
  }
  return (
    <CameraFrame
      below={
        <>
          <p role="status" className="text-sm text-slate-600">
            {scanning ? prompt : "Starting the camera…"}
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
              Switch camera
            </button>
          )}
        </>
      }
    >
      <video ref={video} muted playsInline aria-label="Camera preview" className="size-full object-cover" />
    </CameraFrame>
  );
}
