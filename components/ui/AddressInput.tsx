"use client";

import { useTranslations } from "next-intl";

/** A labelled field for an account in 0x or io1 form, with its error announced and tied to the field. */
export function AddressInput({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (value: string) => void; error: string | undefined }) {
  const t = useTranslations("Ui");
  return (
    <>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={t("addressPlaceholder")}
        className="min-h-11 w-full rounded-md border border-slate-300 px-3 font-mono text-sm"
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </>
  );
}
