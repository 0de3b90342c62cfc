"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { QrDecoder } from "./qrDecoder";
import { decodeQrImage } from "./qrImage";
import { useQrImageProblem } from "./useQrImageProblem";

/** A photo or screenshot of the device's QR code: file picker or drag-and-drop. */
export function ImageSource({ onInput }: { onInput: (raw: string) => void }) {
  const t = useTranslations("Sources.image");
  const describe = useQrImageProblem();
  const id = useId();
  const decoder = useRef<QrDecoder | undefined>(undefined);
  const [message, setMessage] = useState<string>();
  const [dragging, setDragging] = useState(false);

  useEffect(() => () => decoder.current?.dispose(), []);

  async function decodeFile(file: File | undefined) {
    if (!file) return;
    setMessage(t("reading"));
    const decoded = await decodeQrImage(file, (decoder.current ??= new QrDecoder()));
    setMessage("problem" in decoded ? describe(decoded.problem) : undefined);
    if ("text" in decoded) onInput(decoded.text);
  }

  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void decodeFile(event.dataTransfer.files[0]);
      }}
      className={`rounded-md border-2 border-dashed p-6 text-center ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300"}`}
    >
      <label htmlFor={id} className="cursor-pointer text-sm text-slate-700">
        {t.rich("choose", { link: (chunks) => <span className="font-medium text-brand-700 underline">{chunks}</span> })}
      </label>
      <input
        id={id}
        type="file"
        accept="image/*"
        className="sr-only"
        onChange={(event) => {
          void decodeFile(event.target.files?.[0]);
          event.target.value = "";
        }}
      />
      {message && (
        <p role="status" className="mt-2 text-sm text-slate-600">
          {message}
        </p>
      )}
    </div>
  );
}
