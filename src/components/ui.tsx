import Image from "next/image";
import type { InputHTMLAttributes, ReactNode } from "react";

// Shared look, usable from server and client components alike (no hooks, no "use client").

type Variant = "primary" | "secondary" | "danger" | "ghost";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-indigo-600 text-white shadow-sm hover:bg-indigo-500 disabled:bg-indigo-400",
  secondary:
    "bg-white text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 disabled:text-zinc-400",
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-500 disabled:bg-red-400",
  ghost: "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 disabled:text-zinc-400",
};

export function buttonClass(variant: Variant = "primary", extra = ""): string {
  return [
    "inline-flex min-h-9 items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-medium",
    "transition-colors disabled:cursor-not-allowed",
    VARIANTS[variant],
    extra,
  ].join(" ");
}

/** A button that is disabled and says so (aria-busy, its pending label) while its action runs. */
export function PendingButton({
  pending,
  pendingLabel,
  children,
  variant = "primary",
  className = "",
  type = "button",
  onClick,
}: {
  pending: boolean;
  pendingLabel?: ReactNode;
  children: ReactNode;
  variant?: Variant;
  className?: string;
  type?: "button" | "submit";
  onClick?: () => void;
}) {
  return (
    <button
      type={type}
      onClick={onClick}
      className={buttonClass(variant, className)}
      disabled={pending}
      aria-busy={pending}
    >
      {pending && pendingLabel !== undefined ? pendingLabel : children}
    </button>
  );
}

const fieldClass =
  "min-h-9 rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm ring-1 ring-inset " +
  "ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 " +
  "aria-[invalid=true]:ring-red-500";

export const inputClass = `block w-full ${fieldClass}`;
export const selectClass = `block w-full ${fieldClass} pr-8`;
/** For a select that sits in a row of controls and should be as wide as its longest option. */
export const inlineSelectClass = `${fieldClass} pr-8`;

export const labelClass = "block text-sm font-medium text-zinc-800";

type TextFieldProps = {
  id: string;
  label: ReactNode;
  /** Shown under the input, and read with it. */
  hint?: ReactNode;
  /** The id of a hint placed elsewhere in the form, read with the input. */
  describedBy?: string;
  /** The form's error message: while set, the input is invalid and read with it (its FormError at `errorId`). */
  error?: string | null;
  errorId?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "aria-invalid" | "aria-describedby">;

/** A label above its input (and a hint under it), one look and one accessible wiring for every form. */
export function TextField({ id, label, hint, describedBy, error, errorId, ...input }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const readWith = [hintId, describedBy, error ? errorId : undefined].filter(Boolean).join(" ");
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={readWith || undefined}
        {...input}
      />
      {hint && (
        <p id={hintId} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
    </div>
  );
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6 ${className}`}>
      {children}
    </section>
  );
}

export function CardTitle({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <h2 id={id} className="text-base font-semibold text-zinc-900">
      {children}
    </h2>
  );
}

/**
 * Always rendered so screen readers are already watching the live region when a message appears;
 * an alert inserted together with its text is often not announced.
 */
export function FormError({ id, message }: { id?: string; message: string | null }) {
  return (
    <p id={id} role="alert" aria-live="assertive" className={message ? "text-sm text-red-700" : "sr-only"}>
      {message ?? ""}
    </p>
  );
}

export function FormStatus({ message }: { message: string | null }) {
  return (
    <p role="status" aria-live="polite" className={message ? "text-sm text-emerald-700" : "sr-only"}>
      {message ?? ""}
    </p>
  );
}

export function RoleBadge({ children }: { children: ReactNode }) {
  return (
    <span className="inline-flex items-center rounded-full bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 ring-1 ring-inset ring-zinc-200">
      {children}
    </span>
  );
}

export function initials(name: string, email = ""): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? words[0]![0]! + words[1]![0]! : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase() || "?";
}

const SIZES = { sm: 32, md: 40, lg: 80 } as const;

export function Avatar(props: {
  name: string;
  email?: string;
  image: string | null;
  size?: keyof typeof SIZES;
  alt?: string;
}) {
  const px = SIZES[props.size ?? "md"];
  const text = props.size === "lg" ? "text-2xl" : props.size === "sm" ? "text-xs" : "text-sm";
  if (props.image) {
    return (
      <Image
        src={props.image}
        alt={props.alt ?? ""}
        width={px}
        height={px}
        unoptimized
        className="shrink-0 rounded-full object-cover ring-1 ring-zinc-200"
        style={{ width: px, height: px }}
      />
    );
  }
  return (
    <span
      role={props.alt ? "img" : undefined}
      aria-label={props.alt}
      aria-hidden={props.alt ? undefined : true}
      className={`inline-flex shrink-0 items-center justify-center rounded-full bg-indigo-50 font-semibold text-indigo-700 ring-1 ring-indigo-100 ${text}`}
      style={{ width: px, height: px }}
    >
      {initials(props.name, props.email)}
    </span>
  );
}
